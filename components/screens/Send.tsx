import { type FormEvent, useState } from 'react'
import type { WalletState } from '../../background/messages.js'
import { send } from '../api.js'
import { formatUnits } from '../format.js'
import { FeeLine } from '../forms/FeeLine.js'
import { checkSpend } from '../forms/spendCheck.js'
import { TokenSelect } from '../forms/TokenSelect.js'
import {
  checkAmount,
  checkMemo,
  checkShieldedAddress,
  MEMO_LIMIT,
  memoBytes,
} from '../forms/validate.js'
import { useFeeQuote } from '../hooks/useFeeQuote.js'
import { useTokenChoice } from '../hooks/useTokenChoice.js'
import { useTxRun } from '../hooks/useTxRun.js'
import { TxScreen } from '../tx/TxScreen.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'

type SendProps = { state: WalletState; pool?: `0x${string}`; onBack(): void }

/** A private payment to a shielded address. */
export function Send({ state, pool, onBack }: SendProps) {
  const { balance, setPool } = useTokenChoice(state.balances, pool)
  const [to, setTo] = useState('')
  const [amountText, setAmountText] = useState('')
  const [memo, setMemo] = useState('')
  const tx = useTxRun()
  const shielded = BigInt(balance?.shielded ?? '0')
  const decimals = balance?.decimals ?? 18
  const symbol = balance?.symbol ?? ''

  const address = checkShieldedAddress(to)
  const amount = checkAmount(amountText, decimals, {
    units: shielded,
    what: `shielded balance (${formatUnits(shielded, decimals)} ${symbol})`,
  })
  const memoChecked = checkMemo(memo)
  const quote = useFeeQuote(balance?.pool, amount.value)
  const spendError = checkSpend(amount.value, quote, shielded, decimals, symbol)
  const ready =
    balance &&
    address.value !== undefined &&
    amount.value !== undefined &&
    !memoChecked.error &&
    quote.state === 'ready' &&
    !spendError

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!ready || !balance || address.value === undefined || amount.value === undefined) return
    const data = {
      pool: balance.pool,
      to: address.value,
      amount: amount.value.toString(),
      ...(memoChecked.value ? { memo: memoChecked.value } : {}),
    }
    void tx.start(() => send('tx.send', data))
  }

  return (
    <TxScreen
      title="Send"
      testId="screen-send"
      onBack={onBack}
      balance={balance}
      tx={tx}
      doneText={`Sent ${amountText.trim()} ${symbol}.`}
    >
      {(balance) => (
        <form onSubmit={submit} className="stack">
          <TokenSelect balances={state.balances ?? []} value={balance.pool} onChange={setPool} />
          <p className="hint">
            Shielded: {formatUnits(shielded, decimals)} {symbol}
          </p>
          <Field
            label="To (shielded address)"
            error={to.trim() !== '' ? address.error : undefined}
            hint={address.value ? 'Valid shielded address.' : undefined}
          >
            <textarea
              rows={3}
              spellCheck={false}
              autoComplete="off"
              placeholder="zkpay1…"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              data-testid="send-to"
            />
          </Field>
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
              data-testid="send-amount"
            />
          </Field>
          <Field
            label="Memo (optional, only the recipient can read it)"
            error={memoChecked.error}
            hint={`${memoBytes(memo)}/${MEMO_LIMIT} bytes`}
          >
            <input
              autoComplete="off"
              value={memo}
              onChange={(e) => setMemo(e.target.value)}
              data-testid="send-memo"
            />
          </Field>
          <FeeLine quote={quote} symbol={symbol} decimals={decimals} />
          <ErrorText error={spendError} testId="send-spend-error" />
          <button type="submit" className="primary" disabled={!ready} data-testid="send-submit">
            Send privately
          </button>
        </form>
      )}
    </TxScreen>
  )
}
