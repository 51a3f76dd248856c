import type { ApprovalView } from '../../background/messages.js'
import { formatUnits } from '../format.js'

const PERIOD: Record<NonNullable<ApprovalView['allowance']>['period'], string> = {
  hour: 'hour',
  day: 'day',
  week: 'week',
  month: '30 days',
}

/**
 * What the site asks for, field by field, as the user must see it before
 * saying yes. The site's origin and its warnings stand above it (SiteWarnings).
 */
export function RequestDetails({ view }: { view: ApprovalView }) {
  const { payment, allowance } = view
  if (view.method === 'zkpay_connect')
    return (
      <section className="stack" data-testid="approval-connect">
        <p>This site wants to connect to zkpay.</p>
        <p className="hint">
          It will learn your shielded address and may ask you for payments. It will not see your
          balance, your notes or your history.
        </p>
      </section>
    )
  if (allowance)
    return (
      <section className="stack" data-testid="approval-allowance">
        <p>This site asks to send tips without asking you each time:</p>
        <p className="balance">
          <span className="amount" data-testid="approval-amount">
            {formatUnits(allowance.amount, allowance.decimals)}
          </span>{' '}
          <span className="symbol">{allowance.symbol}</span> per {PERIOD[allowance.period]}
        </p>
        <p className="hint">Over that it asks again. You can revoke it under Sites.</p>
      </section>
    )
  if (!payment) return null
  return (
    <section className="stack" data-testid="approval-payment">
      <p>This site asks you to pay{view.method === 'zkpay_tip' ? ' a tip' : ''}:</p>
      <p className="balance">
        <span className="amount" data-testid="approval-amount">
          {formatUnits(payment.amount, payment.decimals)}
        </span>{' '}
        <span className="symbol">{payment.symbol}</span>
      </p>
      <dl className="details">
        <dt>To</dt>
        <dd className="mono address" data-testid="approval-to">
          {payment.to}
        </dd>
        {payment.memo && (
          <>
            <dt>Memo</dt>
            <dd data-testid="approval-memo">“{payment.memo}”</dd>
          </>
        )}
        <dt>Fee</dt>
        <dd data-testid="approval-fee">
          {payment.fee !== undefined
            ? `${formatUnits(payment.fee, payment.decimals)} ${payment.symbol}`
            : '–'}
        </dd>
        <dt>Total</dt>
        <dd data-testid="approval-total">
          {payment.total !== undefined
            ? `${formatUnits(payment.total, payment.decimals)} ${payment.symbol}`
            : 'waiting for the fee…'}
        </dd>
      </dl>
      {payment.overAllowance && (
        <p className="warning" data-testid="approval-over-allowance">
          This tip is more than what is left of the site's tip allowance.
        </p>
      )}
      {payment.feeOverCeiling && (
        <p className="warning" data-testid="approval-fee-over-ceiling">
          This tip fits in the site's allowance, but its fee is more than zkpay pays for a tip
          without asking you.
        </p>
      )}
    </section>
  )
}
