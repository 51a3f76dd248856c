import type { SyncStatus, WalletState } from '../../background/messages.js'
import { send } from '../api.js'
import { formatShort, shortAddress } from '../format.js'
import { SyncLine } from '../home/SyncLine.js'
import { TokenCard } from '../home/TokenCard.js'
import { useAction } from '../hooks/useAction.js'
import type { Go } from '../navigation.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Spinner } from '../ui/Spinner.js'

type HomeProps = { state: WalletState; sync?: SyncStatus; go: Go; onLocked(): void }

/** Balances, sync status and the way to every action. */
export function Home({ state, sync, go, onLocked }: HomeProps) {
  const lock = useAction(async () => {
    await send('wallet.lock')
    onLocked()
  })
  return (
    <main className="screen" data-testid="screen-home">
      <header className="screen-header">
        <h1>zkpay</h1>
        <span className="mono small" title={state.address} data-testid="home-address">
          {state.address ? shortAddress(state.address) : ''}
        </span>
      </header>
      <div className="screen-body">
        {state.balances ? (
          state.balances.length === 0 ? (
            <p className="hint">No pools are configured for this chain.</p>
          ) : (
            state.balances.map((balance) => (
              <TokenCard
                key={balance.pool}
                balance={balance}
                go={go}
                viewOnly={state.viewOnly === true}
              />
            ))
          )
        ) : (
          <Spinner label="Reading balances…" testId="balances-loading" />
        )}
        {state.viewOnly ? (
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
        <nav className="actions">
          {!state.viewOnly && (
            <>
              <button
                type="button"
                className="primary"
                onClick={() => go('send')}
                data-testid="nav-send"
              >
                Send
              </button>
              <button type="button" onClick={() => go('shield')} data-testid="nav-shield">
                Shield
              </button>
              <button type="button" onClick={() => go('unshield')} data-testid="nav-unshield">
                Unshield
              </button>
            </>
          )}
          <button type="button" onClick={() => go('receive')} data-testid="nav-receive">
            Receive
          </button>
          <button type="button" onClick={() => go('activity')} data-testid="nav-activity">
            Activity
          </button>
          <button type="button" onClick={() => go('sites')} data-testid="nav-sites">
            Sites
          </button>
          <button type="button" onClick={() => go('settings')} data-testid="nav-settings">
            Settings
          </button>
          <button
            type="button"
            onClick={() => void lock.run()}
            disabled={lock.busy}
            data-testid="lock"
          >
            {lock.busy ? 'Locking…' : 'Lock'}
          </button>
        </nav>
        <ErrorText error={lock.error} />
      </div>
    </main>
  )
}
