import { type FormEvent, useState } from 'react'
import { useAction } from '../hooks/useAction.js'
import { CopyButton } from '../ui/CopyButton.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Spinner } from '../ui/Spinner.js'

type SecretRevealProps = {
  title: string
  warning: string
  /** Asks the background for the secret with the password. */
  reveal(password: string): Promise<string>
  testId: string
}

/** A secret behind the password: asked for, shown once, hidden again on demand. */
export function SecretReveal({ title, warning, reveal, testId }: SecretRevealProps) {
  const [open, setOpen] = useState(false)
  const [password, setPassword] = useState('')
  const [secret, setSecret] = useState<string>()
  const action = useAction(reveal)
  const close = () => {
    setOpen(false)
    setSecret(undefined)
    setPassword('')
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const value = await action.run(password)
    setPassword('')
    if (value !== undefined) setSecret(value)
  }

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid={`${testId}-open`}>
        {title}
      </button>
    )
  }
  return (
    <section className="card stack" data-testid={testId}>
      <strong>{title}</strong>
      <p className="warning">{warning}</p>
      {secret ? (
        <>
          <p className="mono secret" data-testid={`${testId}-secret`}>
            {secret}
          </p>
          <CopyButton text={secret} testId={`${testId}-copy`} />
        </>
      ) : (
        <form onSubmit={submit} className="stack">
          <input
            type="password"
            placeholder="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid={`${testId}-password`}
          />
          <ErrorText error={action.error} testId={`${testId}-error`} />
          {action.busy ? (
            <Spinner label="Checking the password (about a second)…" />
          ) : (
            <button type="submit" disabled={password === ''} data-testid={`${testId}-submit`}>
              Show
            </button>
          )}
        </form>
      )}
      <button type="button" className="link" onClick={close} data-testid={`${testId}-close`}>
        Hide
      </button>
    </section>
  )
}
