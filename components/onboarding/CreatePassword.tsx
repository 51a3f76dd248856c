import { type FormEvent, useState } from 'react'
import { checkNewPassword } from '../forms/validate.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'
import { Spinner } from '../ui/Spinner.js'

type CreatePasswordProps = {
  /** Asked to create the wallet; the error is shown if it fails. */
  onSubmit(password: string): void
  busy: boolean
  busyLabel: string
  error?: string
  submitLabel: string
}

/** A new password, typed twice. */
export function CreatePassword({
  onSubmit,
  busy,
  busyLabel,
  error,
  submitLabel,
}: CreatePasswordProps) {
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [tried, setTried] = useState(false)
  const checked = checkNewPassword(password, repeat)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    if (checked.value !== undefined) onSubmit(checked.value)
  }
  return (
    <form onSubmit={submit} className="stack">
      <p className="hint">The password unlocks this wallet on this browser. It cannot be reset.</p>
      <Field label="Password">
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="password"
        />
      </Field>
      <Field label="Repeat the password" error={tried ? checked.error : undefined}>
        <input
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          data-testid="password-repeat"
        />
      </Field>
      <ErrorText error={error} />
      {busy ? (
        <Spinner label={busyLabel} />
      ) : (
        <button type="submit" className="primary" data-testid="password-submit">
          {submitLabel}
        </button>
      )}
    </form>
  )
}
