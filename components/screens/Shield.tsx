import { type FormEvent, useState } from 'react'
import type { WalletState } from '../../background/messages.js'
import { send } from '../api.js'
import { formatShort, formatUnits } from '../format.js'
import { TokenSelect } from '../forms/TokenSelect.js'
import { checkAmount } from '../forms/validate.js'
import { useTokenChoice } from '../hooks/useTokenChoice.js'
import { useTxRun } from '../hooks/useTxRun.js'
import { TxScreen } from '../tx/TxScreen.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'

type ShieldProps = { state: WalletState; pool?: `0x${string}`; onBack(): void }

/** Moves tokens from the public account into the pool as a shielded note. */
export function Shield({ state, pool, onBack }: ShieldProps) {
  const { balance, setPool } = useTokenChoice(state.balances, pool)
  const [amountText, setAmountText] = useState('')
  const tx = useTxRun()
  const available = BigInt(balance?.public ?? '0')
  const decimals = balance?.decimals ?? 18
  const symbol = balance?.symbol ?? ''
  const amount = checkAmount(amountText, decimals, {
    units: available,
    what: `public balance (${formatUnits(available, decimals)} ${symbol})`,
  })
  const noGas = BigInt(state.publicEth ?? '0') === 0n
  const ready = balance && amount.value !== undefined && !noGas

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!ready || !balance || amount.value === undefined) return
    const data = { pool: balance.pool, amount: amount.value.toString() }
    void tx.start(() => send('tx.shield', data))
  }

  return (
    <TxScreen
      title="Shield"
      testId="screen-shield"
      onBack={onBack}
      balance={balance}
      tx={tx}
      doneText={`Shielded ${amountText.trim()} ${symbol}.`}
    >
      {(balance) => (
        <form onSubmit={submit} className="stack">
          <p className="hint">
            Moves tokens from your public account into the shielded pool. The public account pays
            the gas, and the amount shielded is public; what you do with it afterwards is not.
          </p>
          <TokenSelect balances={state.balances ?? []} value={balance.pool} onChange={setPool} />
          <p className="hint">
            Public account:{' '}
            <span data-testid="shield-available">{formatUnits(available, decimals)}</span> {symbol},{' '}
            {formatShort(state.publicEth ?? '0', 18)} ETH for gas
          </p>
          <Field
            label={`Amount (${symbol})`}
            error={amountText.trim() !== '' ? amount.error : undefined}
          >
            <input
              inputMode="decimal"
              autoComplete="off"
              placeholder="0.0"
              value={amountText}
              onChange={(e) => setAmountText(e.target.value)}
              data-testid="shield-amount"
            />
          </Field>
          <ErrorText
            error={noGas ? 'The public account has no ETH for gas; send it some first.' : undefined}
            testId="shield-no-gas"
          />
          <button type="submit" className="primary" disabled={!ready} data-testid="shield-submit">
            Shield
          </button>
        </form>
      )}
    </TxScreen>
  )
}
