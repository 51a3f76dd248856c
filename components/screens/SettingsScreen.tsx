import type { WalletState } from '../../background/messages.js'
import { send } from '../api.js'
import { useAction } from '../hooks/useAction.js'
import { SecretReveal } from '../settings/SecretReveal.js'
import { SettingsForm } from '../settings/SettingsForm.js'
import { ThemeToggle } from '../settings/ThemeToggle.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Screen } from '../ui/Screen.js'
import { Spinner } from '../ui/Spinner.js'

type SettingsScreenProps = { state: WalletState; onBack(): void; onLocked(): void }

/** Appearance, network settings, secrets behind the password, and lock now. */
export function SettingsScreen({ state, onBack, onLocked }: SettingsScreenProps) {
  const lock = useAction(async () => {
    await send('wallet.lock')
    onLocked()
  })
  const rescan = useAction(() => send('sync.rescan'))
  return (
    <Screen title="Settings" onBack={onBack} testId="screen-settings">
      <ThemeToggle value={state.settings.theme} />
      <hr />
      <SettingsForm settings={state.settings} />
      <hr />
      <div className="stack">
        <SecretReveal
          title="Export viewing key"
          warning="The viewing key lets its holder see every payment to and from this wallet, but not spend. Share it only with someone you want to see them (an auditor)."
          reveal={async (password) =>
            (await send('wallet.exportViewingKey', { password })).viewingKey
          }
          testId="viewing-key"
        />
        {!state.viewOnly && (
          <SecretReveal
            title="Reveal recovery phrase"
            warning="Anyone who sees the phrase can spend everything. Make sure nobody is watching your screen."
            reveal={async (password) => (await send('wallet.revealPhrase', { password })).mnemonic}
            testId="reveal-phrase"
          />
        )}
        <div className="stack">
          <p className="hint">
            Balance or activity look wrong? Rescanning forgets what this browser synced and reads
            the pool again from the chain (it can take a while on a busy pool).
          </p>
          {rescan.busy ? (
            <Spinner label="Rescanning the pool…" testId="rescan-busy" />
          ) : (
            <button type="button" onClick={() => void rescan.run()} data-testid="rescan">
              Rescan from scratch
            </button>
          )}
          <ErrorText error={rescan.error} />
        </div>
        {lock.busy ? (
          <Spinner label="Locking…" />
        ) : (
          <button type="button" onClick={() => void lock.run()} data-testid="lock-now">
            Lock now
          </button>
        )}
        <ErrorText error={lock.error} />
      </div>
    </Screen>
  )
}
