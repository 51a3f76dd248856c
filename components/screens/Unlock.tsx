import { type FormEvent, useState } from 'react'
import { send } from '../api.js'
import { useAction } from '../hooks/useAction.js'
import { ImportWallet } from '../onboarding/ImportWallet.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'
import { Screen } from '../ui/Screen.js'
import { Spinner } from '../ui/Spinner.js'

/** The password screen of a locked wallet, with a way back in through the recovery phrase. */
export function Unlock({ onUnlocked }: { onUnlocked(): void }) {
  const [password, setPassword] = useState('')
  const [restoring, setRestoring] = useState(false)
  const unlock = useAction((pass: string) => send('wallet.unlock', { password: pass }))
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (password === '') return
    if (await unlock.run(password)) onUnlocked()
    else setPassword('')
  }
  if (restoring)
    return (
      <Screen
        title="Restore from the phrase"
        onBack={() => setRestoring(false)}
        testId="screen-restore"
      >
        <div className="warning" role="note" data-testid="restore-warning">
          <p>
            <strong>This replaces the wallet on this device.</strong> Its keys, notes, history and
            connected sites are deleted here, and the phrase you enter becomes the wallet, under a
            new password.
          </p>
          <p>
            Funds stay on chain: the phrase of the wallet you are replacing is the only way back to
            them. If you are not sure you have it, go back.
          </p>
        </div>
        <ImportWallet kind="phrase" replace onImported={onUnlocked} />
      </Screen>
    )
  return (
    <Screen title="Unlock zkpay" testId="screen-unlock">
      <form onSubmit={submit} className="stack">
        <Field label="Password">
          <input
            type="password"
            autoComplete="current-password"
            // biome-ignore lint/a11y/noAutofocus: the only thing to do on this screen
            autoFocus
            value={password}
            onChange={(e) => {
              setPassword(e.target.value)
              unlock.clearError()
            }}
            data-testid="unlock-password"
          />
        </Field>
        <ErrorText error={unlock.error} testId="unlock-error" />
        {unlock.busy ? (
          <Spinner label="Checking the password (about a second)…" />
        ) : (
          <button
            type="submit"
            className="primary"
            disabled={password === ''}
            data-testid="unlock-submit"
          >
            Unlock
          </button>
        )}
        <button
          type="button"
          className="link"
          onClick={() => setRestoring(true)}
          data-testid="unlock-restore"
        >
          Forgot password? Restore from recovery phrase
        </button>
      </form>
    </Screen>
  )
}
