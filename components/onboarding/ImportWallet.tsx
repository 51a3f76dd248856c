import { type FormEvent, useState } from 'react'
import { send } from '../api.js'
import { checkNewPassword } from '../forms/validate.js'
import { useAction } from '../hooks/useAction.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'
import { Spinner } from '../ui/Spinner.js'

type ImportWalletProps = {
  /** `phrase`: restore a wallet; `viewingKey`: watch one (sees everything, spends nothing). */
  kind: 'phrase' | 'viewingKey'
  /** Replace the wallet this browser holds (restore from the lock screen); phrase only. */
  replace?: boolean
  onImported(): void
}

const texts = {
  phrase: {
    label: 'Recovery phrase',
    empty: 'Enter your recovery phrase.',
    busy: 'Checking the phrase and encrypting it (a few seconds)…',
    submit: 'Import',
  },
  viewingKey: {
    label: 'Viewing key (zkpayview1…)',
    empty: 'Paste the viewing key.',
    busy: 'Checking the viewing key and encrypting it (a few seconds)…',
    submit: 'Watch',
  },
}

/** Restores a wallet from its recovery phrase, or watches one from its viewing key, under a new password. */
export function ImportWallet({ kind, replace = false, onImported }: ImportWalletProps) {
  const [phrase, setPhrase] = useState('')
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [tried, setTried] = useState(false)
  const importWallet = useAction((secret: string, pass: string) =>
    kind === 'phrase'
      ? send('wallet.import', {
          mnemonic: secret,
          password: pass,
          ...(replace ? { replace: true } : {}),
        })
      : send('wallet.watch', { viewingKey: secret, password: pass }),
  )
  const text = texts[kind]
  const secret =
    kind === 'phrase' ? phrase.trim().toLowerCase().split(/\s+/).join(' ') : phrase.trim()
  const checked = checkNewPassword(password, repeat)
  const phraseError = secret === '' ? text.empty : undefined
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    if (phraseError || checked.value === undefined) return
    if (await importWallet.run(secret, checked.value)) onImported()
  }
  return (
    <form onSubmit={submit} className="stack" data-testid="import-form">
      {kind === 'viewingKey' && (
        <p className="hint">
          A watched wallet shows the balance and every payment of the wallet the key belongs to, but
          cannot pay: it holds no spending key.
        </p>
      )}
      <Field label={text.label} error={tried ? phraseError : undefined}>
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
        <Spinner label={text.busy} />
      ) : (
        <button type="submit" className="primary" data-testid="import-submit">
          {replace ? 'Replace and restore' : text.submit}
        </button>
      )}
    </form>
  )
}
