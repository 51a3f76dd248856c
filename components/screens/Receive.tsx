import type { WalletState } from '../../background/messages.js'
import { CopyButton } from '../ui/CopyButton.js'
import { QrCode } from '../ui/QrCode.js'
import { Screen } from '../ui/Screen.js'

/** The shielded address to be paid at, and the public account for shielding. */
export function Receive({ state, onBack }: { state: WalletState; onBack(): void }) {
  const { address, publicAddress } = state
  return (
    <Screen title="Receive" onBack={onBack} testId="screen-receive">
      {address && (
        <section className="stack center">
          <QrCode text={address.toUpperCase()} testId="receive-qr" />
          <p className="hint">Your shielded address. Payments to it are private.</p>
          <p className="mono address" data-testid="receive-address">
            {address}
          </p>
          <CopyButton text={address} testId="copy-address" />
        </section>
      )}
      {publicAddress && (
        <section className="stack">
          <p className="hint">
            Your public account, to receive tokens and gas money before shielding them (payments
            here are visible to everyone):
          </p>
          <p className="mono address" data-testid="receive-public-address">
            {publicAddress}
          </p>
          <CopyButton text={publicAddress} testId="copy-public-address" />
        </section>
      )}
    </Screen>
  )
}
