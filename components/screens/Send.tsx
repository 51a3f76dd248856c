import { type FormEvent, useState } from 'react'
import type { WalletState } from '../../background/messages.js'
import { formatAmount } from '../../lib/amount.js'
import type { Contact } from '../../lib/contacts.js'
import { errorMessage, send } from '../api.js'
import { formatUnits, shortAddress } from '../format.js'
import { FeeLine } from '../forms/FeeLine.js'
import { maxAmount } from '../forms/maxAmount.js'
import { checkSpend } from '../forms/spendCheck.js'
import { TokenSelect } from '../forms/TokenSelect.js'
import { checkAmount, checkMemo, MEMO_LIMIT, memoBytes } from '../forms/validate.js'
import { useFeeQuote } from '../hooks/useFeeQuote.js'
import { useTokenChoice } from '../hooks/useTokenChoice.js'
import { useTxRun } from '../hooks/useTxRun.js'
import { applyRequest } from '../send/applyRequest.js'
import { RecipientField } from '../send/RecipientField.js'
import { resolveRecipient } from '../send/resolveRecipient.js'
import { TxScreen } from '../tx/TxScreen.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'

type SendProps = { state: WalletState; pool?: `0x${string}`; onBack(): void }

/** The payment the review shows, fixed when the form was sent to review. */
type Review = {
  pool: `0x${string}`
  to: string
  contact?: Contact
  amount: bigint
  fee: bigint
  memo?: string
}

/** A private payment to a shielded address: the form, a review, then its progress. */
export function Send({ state, pool, onBack }: SendProps) {
  const { balance, setPool } = useTokenChoice(state.balances, pool)
  const [to, setTo] = useState('')
  const [amountText, setAmountText] = useState('')
  const [memo, setMemo] = useState('')
  const [review, setReview] = useState<Review>()
  const [requestError, setRequestError] = useState<string>()
  const [max, setMax] = useState<{ busy: boolean; error?: string }>({ busy: false })
  const tx = useTxRun()
  const shielded = BigInt(balance?.shielded ?? '0')
  const decimals = balance?.decimals ?? 18
  const symbol = balance?.symbol ?? ''
  // The background checks each entry as a zkpay1… address before keeping it.
  const contacts = (state.settings.contacts ?? []) as Contact[]

  const recipient = resolveRecipient(to, contacts)
  const amount = checkAmount(amountText, decimals, {
    units: shielded,
    what: `shielded balance (${formatUnits(shielded, decimals)} ${symbol})`,
  })
  const memoChecked = checkMemo(memo)
  const quote = useFeeQuote(balance?.pool, amount.value)
  const spendError = checkSpend(amount.value, quote, shielded, decimals, symbol)
  const ready =
    balance &&
    recipient.address !== undefined &&
    amount.value !== undefined &&
    !memoChecked.error &&
    quote.state === 'ready' &&
    !spendError

  const toReview = (event: FormEvent) => {
    event.preventDefault()
    if (!ready || !recipient.address || amount.value === undefined || quote.state !== 'ready')
      return
    setReview({
      pool: balance.pool,
      to: recipient.address,
      ...(recipient.contact ? { contact: recipient.contact } : {}),
      amount: amount.value,
      fee: quote.fee,
      ...(memoChecked.value ? { memo: memoChecked.value } : {}),
    })
  }

  const confirm = () => {
    if (!review) return
    const data = {
      pool: review.pool,
      to: review.to,
      amount: review.amount.toString(),
      ...(review.memo ? { memo: review.memo } : {}),
    }
    setReview(undefined)
    void tx.start(() => send('tx.send', data))
  }

  const fillMax = async () => {
    if (!balance) return
    setMax({ busy: true })
    try {
      const { amount } = await maxAmount(shielded, async (units) => {
        const { fee } = await send('tx.quoteFee', { pool: balance.pool, amount: units.toString() })
        return BigInt(fee)
      })
      setAmountText(formatAmount(amount, decimals))
      setMax({ busy: false })
    } catch (cause) {
      setMax({
        busy: false,
        error: `No amount fits in the shielded balance after the fee: ${errorMessage(cause)}`,
      })
    }
  }

  return (
    <TxScreen
      title={review ? 'Review the payment' : 'Send'}
      testId="screen-send"
      onBack={review ? () => setReview(undefined) : onBack}
      balance={balance}
      tx={tx}
      doneText={`Sent ${amountText.trim()} ${symbol}.`}
    >
      {(balance) =>
        review ? (
          <section className="stack" data-testid="send-review">
            <p className="hint">Check the payment: once confirmed it cannot be taken back.</p>
            <dl className="details">
              <dt>To</dt>
              <dd data-testid="review-recipient">
                {review.contact && <strong>{review.contact.name} · </strong>}
                <span className="mono small">
                  {review.contact ? shortAddress(review.to) : review.to}
                </span>
              </dd>
              <dt>Amount</dt>
              <dd data-testid="review-amount">
                {formatUnits(review.amount, decimals)} {symbol}
              </dd>
              <dt>Fee</dt>
              <dd data-testid="review-fee">
                {formatUnits(review.fee, decimals)} {symbol}
              </dd>
              <dt>Total</dt>
              <dd className="total" data-testid="review-total">
                {formatUnits(review.amount + review.fee, decimals)} {symbol}
              </dd>
              {review.memo && (
                <>
                  <dt>Memo</dt>
                  <dd data-testid="review-memo">{review.memo}</dd>
                </>
              )}
            </dl>
            <div className="row">
              <button type="button" onClick={() => setReview(undefined)} data-testid="review-back">
                Back
              </button>
              <button
                type="button"
                className="primary"
                onClick={confirm}
                data-testid="review-confirm"
              >
                Confirm
              </button>
            </div>
          </section>
        ) : (
          <form onSubmit={toReview} className="stack">
            <TokenSelect balances={state.balances ?? []} value={balance.pool} onChange={setPool} />
            <p className="hint">
              Shielded: {formatUnits(shielded, decimals)} {symbol}
            </p>
            <RecipientField
              value={to}
              onChange={(text) => {
                setTo(text)
                setRequestError(undefined)
              }}
              contacts={contacts}
              settings={state.settings}
              onRequest={(request) => {
                const fill = applyRequest(request, state.balances ?? [])
                if (fill.pool) setPool(fill.pool)
                if (fill.amountText !== undefined) setAmountText(fill.amountText)
                if (fill.memo !== undefined) setMemo(fill.memo)
                setRequestError(fill.error)
              }}
            />
            <ErrorText error={requestError} testId="send-request-error" />
            <Field
              label={`Amount (${symbol})`}
              error={amountText.trim() !== '' ? amount.error : undefined}
            >
              <span className="field-row">
                <input
                  inputMode="decimal"
                  autoComplete="off"
                  placeholder="0.0"
                  value={amountText}
                  onChange={(e) => {
                    setAmountText(e.target.value)
                    setMax({ busy: false })
                  }}
                  data-testid="send-amount"
                />
                <button
                  type="button"
                  onClick={fillMax}
                  disabled={max.busy || shielded === 0n}
                  title="The whole shielded balance, less the fee"
                  data-testid="send-max"
                >
                  {max.busy ? 'Max…' : 'Max'}
                </button>
              </span>
            </Field>
            <ErrorText error={max.error} testId="send-max-error" />
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
              Review
            </button>
          </form>
        )
      }
    </TxScreen>
  )
}
