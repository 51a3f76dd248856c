import { useState } from 'react'
import { send } from '../api.js'
import { useAction } from '../hooks/useAction.js'
import { Screen } from '../ui/Screen.js'
import { ConfirmPhrase } from './ConfirmPhrase.js'
import { CreatePassword } from './CreatePassword.js'
import { ImportWallet } from './ImportWallet.js'
import { ShowPhrase } from './ShowPhrase.js'

type Step =
  | { name: 'choose' }
  | { name: 'password' }
  | { name: 'phrase'; words: string[] }
  | { name: 'confirm'; words: string[] }
  | { name: 'import' }
  | { name: 'watch' }

type OnboardingProps = {
  /** The wallet exists from `wallet.create` on; the app must keep this screen until `onDone`. */
  onStarted(): void
  onDone(): void
}

/** A new wallet (password, phrase, confirmation) or an imported one. */
export function Onboarding({ onStarted, onDone }: OnboardingProps) {
  const [step, setStep] = useState<Step>({ name: 'choose' })
  const create = useAction(async (password: string) => {
    onStarted()
    const { mnemonic } = await send('wallet.create', { password })
    setStep({ name: 'phrase', words: mnemonic.split(' ') })
  })
  const back = () => setStep({ name: 'choose' })

  switch (step.name) {
    case 'choose':
      return (
        <Screen title="Welcome to zkpay" testId="screen-onboarding">
          <p>Private payments from a shielded pool. Your keys stay in this browser.</p>
          <div className="stack">
            <button
              type="button"
              className="primary"
              onClick={() => setStep({ name: 'password' })}
              data-testid="onboarding-create"
            >
              Create a new wallet
            </button>
            <button
              type="button"
              onClick={() => setStep({ name: 'import' })}
              data-testid="onboarding-import"
            >
              Import a recovery phrase
            </button>
            <button
              type="button"
              onClick={() => setStep({ name: 'watch' })}
              data-testid="onboarding-watch"
            >
              Watch a wallet (viewing key)
            </button>
          </div>
        </Screen>
      )
    case 'password':
      return (
        <Screen title="Choose a password" onBack={back} testId="screen-create-password">
          <CreatePassword
            onSubmit={(password) => void create.run(password)}
            busy={create.busy}
            busyLabel="Creating your keys and encrypting them (a few seconds)…"
            error={create.error}
            submitLabel="Create wallet"
          />
        </Screen>
      )
    case 'phrase':
      return (
        <Screen title="Your recovery phrase" testId="screen-phrase">
          <ShowPhrase
            words={step.words}
            onNext={() => setStep({ name: 'confirm', words: step.words })}
          />
        </Screen>
      )
    case 'confirm':
      return (
        <Screen title="Confirm the phrase" testId="screen-confirm-phrase">
          <ConfirmPhrase
            words={step.words}
            onConfirmed={onDone}
            onBack={() => setStep({ name: 'phrase', words: step.words })}
          />
        </Screen>
      )
    case 'import':
      return (
        <Screen title="Import a wallet" onBack={back} testId="screen-import">
          <ImportWallet kind="phrase" onImported={onDone} />
        </Screen>
      )
    case 'watch':
      return (
        <Screen title="Watch a wallet" onBack={back} testId="screen-watch">
          <ImportWallet kind="viewingKey" onImported={onDone} />
        </Screen>
      )
  }
}
