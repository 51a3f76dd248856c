import { type FormEvent, useState } from 'react'
import { send } from '../api.js'
import { useAction } from '../hooks/useAction.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'
import { Screen } from '../ui/Screen.js'
import { Spinner } from '../ui/Spinner.js'

/** The password screen of a locked wallet. */
export function Unlock({ onUnlocked }: { onUnlocked(): void }) {
  const [password, setPassword] = useState('')
  const unlock = useAction((pass: string) => send('wallet.unlock', { password: pass }))
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (password === '') return
    if (await unlock.run(password)) onUnlocked()
    else setPassword('')
  }
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
      </form>
    </Screen>
  )
}
