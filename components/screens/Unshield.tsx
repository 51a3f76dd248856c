import { type FormEvent, useState } from 'react'
import type { WalletState } from '../../background/messages.js'
import { send } from '../api.js'
import { formatUnits } from '../format.js'
import { FeeLine } from '../forms/FeeLine.js'
import { unshieldLinkWarnings } from '../forms/linkWarning.js'
import { checkSpend } from '../forms/spendCheck.js'
import { TokenSelect } from '../forms/TokenSelect.js'
import { checkAmount, checkEvmAddress } from '../forms/validate.js'
import { useActivities } from '../hooks/useActivities.js'
import { useFeeQuote } from '../hooks/useFeeQuote.js'
import { useTokenChoice } from '../hooks/useTokenChoice.js'
import { useTxRun } from '../hooks/useTxRun.js'
import { TxScreen } from '../tx/TxScreen.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'

type UnshieldProps = { state: WalletState; pool?: `0x${string}`; onBack(): void }

/** Takes tokens out of the pool to a public 0x address. */
export function Unshield({ state, pool, onBack }: UnshieldProps) {
  const { balance, setPool } = useTokenChoice(state.balances, pool)
  const [to, setTo] = useState('')
  const [amountText, setAmountText] = useState('')
  const tx = useTxRun()
  const { activities } = useActivities()
  const shielded = BigInt(balance?.shielded ?? '0')
  const decimals = balance?.decimals ?? 18
  const symbol = balance?.symbol ?? ''
  const recipient = checkEvmAddress(to)
  const amount = checkAmount(amountText, decimals, {
    units: shielded,
    what: `shielded balance (${formatUnits(shielded, decimals)} ${symbol})`,
  })
  const quote = useFeeQuote(balance?.pool, amount.value)
  const spendError = checkSpend(amount.value, quote, shielded, decimals, symbol)
  const linkWarnings = unshieldLinkWarnings({
    ...(amount.value !== undefined ? { amount: amount.value } : {}),
    ...(recipient.value !== undefined ? { to: recipient.value } : {}),
    symbol,
    decimals,
    ...(state.publicAddress ? { publicAddress: state.publicAddress } : {}),
    activities: activities ?? [],
    now: Date.now(),
  })
  const ready =
    balance &&
    recipient.value !== undefined &&
    amount.value !== undefined &&
    quote.state === 'ready' &&
    !spendError

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!ready || !balance || recipient.value === undefined || amount.value === undefined) return
    const data = { pool: balance.pool, to: recipient.value, amount: amount.value.toString() }
    void tx.start(() => send('tx.unshield', data))
  }

  return (
    <TxScreen
      title="Unshield"
      testId="screen-unshield"
      onBack={onBack}
      balance={balance}
      tx={tx}
      doneText={`Unshielded ${amountText.trim()} ${symbol}.`}
    >
      {(balance) => (
        <form onSubmit={submit} className="stack">
          <p className="hint">
            Sends shielded tokens to a public address. The amount and the address become public.
          </p>
          <TokenSelect balances={state.balances ?? []} value={balance.pool} onChange={setPool} />
          <p className="hint">
            Shielded: {formatUnits(shielded, decimals)} {symbol}
          </p>
          <Field label="To (0x address)" error={to.trim() !== '' ? recipient.error : undefined}>
            <input
              spellCheck={false}
              autoComplete="off"
              placeholder="0x…"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              data-testid="unshield-to"
            />
          </Field>
          {state.publicAddress && to !== state.publicAddress && (
            <button
              type="button"
              className="link"
              onClick={() => setTo(state.publicAddress ?? '')}
              data-testid="unshield-to-own"
            >
              Use my public account
            </button>
          )}
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
              data-testid="unshield-amount"
            />
          </Field>
          <FeeLine quote={quote} symbol={symbol} decimals={decimals} />
          {linkWarnings.length > 0 && (
            <div className="stack" role="status" data-testid="unshield-link-warning">
              {linkWarnings.map((warning) => (
                <p key={warning} className="warning">
                  {warning}
                </p>
              ))}
            </div>
          )}
          <ErrorText error={spendError} testId="unshield-spend-error" />
          <button type="submit" className="primary" disabled={!ready} data-testid="unshield-submit">
            Unshield
          </button>
        </form>
      )}
    </TxScreen>
  )
}
