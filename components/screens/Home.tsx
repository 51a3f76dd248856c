import {
  ArrowDownLeft,
  ArrowUpRight,
  Globe,
  Lock,
  Settings,
  ShieldMinus,
  ShieldPlus,
} from 'lucide-react'
import type { SyncStatus, WalletState } from '../../background/messages.js'
import { send } from '../api.js'
import { formatShort, shortAddress } from '../format.js'
import { RecentActivity } from '../home/RecentActivity.js'
import { SyncLine } from '../home/SyncLine.js'
import { TokenCard } from '../home/TokenCard.js'
import { useAction } from '../hooks/useAction.js'
import { useActivities } from '../hooks/useActivities.js'
import type { Go, ScreenName } from '../navigation.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Logo } from '../ui/Logo.js'
import { Spinner } from '../ui/Spinner.js'

type HomeProps = {
  state: WalletState
  sync?: SyncStatus
  go: Go
  /** Opens one payment's details. */
  openActivity(id: string): void
  onLocked(): void
}

const ACTIONS: { screen: ScreenName; label: string; icon: typeof ArrowUpRight; spends: boolean }[] =
  [
    { screen: 'send', label: 'Send', icon: ArrowUpRight, spends: true },
    { screen: 'receive', label: 'Receive', icon: ArrowDownLeft, spends: false },
    { screen: 'shield', label: 'Shield', icon: ShieldPlus, spends: true },
    { screen: 'unshield', label: 'Unshield', icon: ShieldMinus, spends: true },
  ]

/** The wallet: balance first, then Send / Receive / Shield / Unshield, then activity. */
export function Home({ state, sync, go, openActivity, onLocked }: HomeProps) {
  const lock = useAction(async () => {
    await send('wallet.lock')
    onLocked()
  })
  const { activities } = useActivities()
  const viewOnly = state.viewOnly === true
  return (
    <main className="screen" data-testid="screen-home">
      <header className="screen-header">
        <h1 className="brand">
          <Logo />
          zkpay
        </h1>
        <span className="mono small hint" title={state.address} data-testid="home-address">
          {state.address ? shortAddress(state.address, 6) : ''}
        </span>
        <button
          type="button"
          className="icon"
          onClick={() => go('sites')}
          aria-label="Connected sites"
          title="Connected sites"
          data-testid="nav-sites"
        >
          <Globe size={18} aria-hidden />
        </button>
        <button
          type="button"
          className="icon"
          onClick={() => go('settings')}
          aria-label="Settings"
          title="Settings"
          data-testid="nav-settings"
        >
          <Settings size={18} aria-hidden />
        </button>
        <button
          type="button"
          className="icon"
          onClick={() => void lock.run()}
          disabled={lock.busy}
          aria-label={lock.busy ? 'Locking…' : 'Lock'}
          title="Lock"
          data-testid="lock"
        >
          <Lock size={18} aria-hidden />
        </button>
      </header>
      <div className="screen-body">
        <ErrorText error={lock.error} />
        {state.balances ? (
          state.balances.length === 0 ? (
            <p className="hint">No pools are configured for this network.</p>
          ) : (
            state.balances.map((balance) => (
              <TokenCard key={balance.pool} balance={balance} go={go} viewOnly={viewOnly} />
            ))
          )
        ) : (
          <Spinner label="Reading balances…" testId="balances-loading" />
        )}
        <nav className="actions" aria-label="Actions">
          {ACTIONS.filter((action) => !viewOnly || !action.spends).map(
            ({ screen, label, icon: Icon }) => (
              <button
                key={screen}
                type="button"
                className={screen === 'send' ? 'action primary' : 'action'}
                onClick={() => go(screen)}
                data-testid={`nav-${screen}`}
              >
                <Icon size={20} aria-hidden />
                {label}
              </button>
            ),
          )}
        </nav>
        {viewOnly ? (
          <p className="warning" role="status" data-testid="view-only-banner">
            Watching: this wallet was added from a viewing key. It sees every payment but cannot
            spend.
          </p>
        ) : (
          <div className="hint">
            Gas on the public account:{' '}
            <span data-testid="public-eth">
              {state.publicEth !== undefined ? formatShort(state.publicEth, 18) : '–'}
            </span>{' '}
            ETH
          </div>
        )}
        <SyncLine sync={sync} />
        <RecentActivity
          activities={activities}
          onOpen={openActivity}
          onAll={() => go('activity')}
        />
      </div>
    </main>
  )
}
