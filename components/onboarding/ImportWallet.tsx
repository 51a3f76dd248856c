import { type FormEvent, useState } from 'react'
import { send } from '../api.js'
import { checkNewPassword } from '../forms/validate.js'
import { useAction } from '../hooks/useAction.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'
import { Spinner } from '../ui/Spinner.js'

/** Restores a wallet from its recovery phrase under a new password. */
export function ImportWallet({ onImported }: { onImported(): void }) {
  const [phrase, setPhrase] = useState('')
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [tried, setTried] = useState(false)
  const importWallet = useAction((mnemonic: string, pass: string) =>
    send('wallet.import', { mnemonic, password: pass }),
  )
  const mnemonic = phrase.trim().toLowerCase().split(/\s+/).join(' ')
  const checked = checkNewPassword(password, repeat)
  const phraseError = mnemonic === '' ? 'Enter your recovery phrase.' : undefined
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    if (phraseError || checked.value === undefined) return
    if (await importWallet.run(mnemonic, checked.value)) onImported()
  }
  return (
    <form onSubmit={submit} className="stack" data-testid="import-form">
      <Field label="Recovery phrase" error={tried ? phraseError : undefined}>
        <textarea
          rows={3}
          spellCheck={false}
          autoComplete="off"
          value={phrase}
          onChange={(e) => setPhrase(e.target.value)}
          data-testid="import-phrase"
        />
      </Field>
      <Field label="New password">
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
      <ErrorText error={importWallet.error} />
      {importWallet.busy ? (
        <Spinner label="Checking the phrase and encrypting it (a few seconds)…" />
      ) : (
        <button type="submit" className="primary" data-testid="import-submit">
          Import
        </button>
      )}
    </form>
  )
}
