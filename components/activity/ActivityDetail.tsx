import type { Activity } from '../../background/messages.js'
import { formatUnits } from '../format.js'
import { CopyButton } from '../ui/CopyButton.js'
import { ActivityIcon } from './ActivityIcon.js'
import { describeActivity, type NameOf, siteName } from './describe.js'

type ActivityDetailProps = { activity: Activity; nameOf?: NameOf }

/** Everything about one payment: who, what, fee, total, memo, when, and its transaction. */
export function ActivityDetail({ activity, nameOf }: ActivityDetailProps) {
  const said = describeActivity(activity, nameOf)
  const { decimals, symbol } = activity
  const fee = activity.fee && activity.fee !== '0' ? BigInt(activity.fee) : 0n
  const spends = activity.kind === 'send' || activity.kind === 'unshield'
  const total = spends ? BigInt(activity.amount) + fee : undefined
  // Received and restored entries are dated by their block; a payment made here, when it began.
  const fromChain = activity.kind === 'receive' || activity.id.startsWith('sent-')
  const name = activity.counterparty ? nameOf?.(activity.counterparty) : undefined
  return (
    <section className="stack" data-testid="activity-detail" data-kind={activity.kind}>
      <div className="row">
        <ActivityIcon kind={activity.kind} />
        <h2 data-testid="activity-detail-title">{said.title}</h2>
      </div>
      <dl className="details">
        <dt>State</dt>
        <dd>
          <span className={`badge ${activity.status}`} data-testid="activity-detail-state">
            {said.state}
          </span>
        </dd>
        <dt>Amount</dt>
        <dd data-testid="activity-detail-amount">{said.amount}</dd>
        {fee > 0n && (
          <>
            <dt>Fee</dt>
            <dd data-testid="activity-detail-fee">
              {formatUnits(fee, decimals)} {symbol}
            </dd>
          </>
        )}
        {total !== undefined && (
          <>
            <dt>Total</dt>
            <dd className="total" data-testid="activity-detail-total">
              {formatUnits(total, decimals)} {symbol}
            </dd>
          </>
        )}
        {activity.site && (
          <>
            <dt>Site</dt>
            <dd data-testid="activity-detail-site">{siteName(activity.site)}</dd>
          </>
        )}
        {activity.counterparty && (
          <>
            <dt>{activity.kind === 'receive' ? 'From' : 'To'}</dt>
            <dd className="mono small" data-testid="activity-detail-counterparty">
              {name && <strong>{name} · </strong>}
              {activity.counterparty}
            </dd>
          </>
        )}
        {activity.memo && (
          <>
            <dt>Memo</dt>
            <dd data-testid="activity-detail-memo">{activity.memo}</dd>
          </>
        )}
        <dt>{fromChain ? 'Block time' : 'Started'}</dt>
        <dd data-testid="activity-detail-time">{new Date(activity.createdAt).toLocaleString()}</dd>
        {activity.settledAt && !fromChain && (
          <>
            <dt>Settled</dt>
            <dd data-testid="activity-detail-settled">
              {new Date(activity.settledAt).toLocaleString()}
            </dd>
          </>
        )}
        {activity.txHash && (
          <>
            <dt>Transaction</dt>
            <dd className="mono small" data-testid="activity-detail-tx">
              {activity.txHash}
            </dd>
          </>
        )}
      </dl>
      {activity.error && (
        <p className="error" data-testid="activity-detail-error">
          {activity.error}
        </p>
      )}
      {activity.txHash && (
        <div className="row">
          <CopyButton text={activity.txHash} testId="activity-copy-tx" label="Copy transaction" />
        </div>
      )}
      {activity.kind === 'send' && activity.status === 'settled' && (
        <p className="hint" data-testid="activity-receipt">
          {activity.site
            ? `Receipt: ${siteName(activity.site)} got a receipt of this payment it can check on chain.`
            : 'Receipt: the recipient sees this payment in their wallet; the transaction above proves it landed.'}
        </p>
      )}
    </section>
  )
}
