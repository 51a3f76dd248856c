import type { Activity } from '../../background/messages.js'
import { formatTime, formatUnits, shortAddress } from '../format.js'

const KIND_LABEL: Record<Activity['kind'], string> = {
  shield: 'Shielded',
  send: 'Sent',
  receive: 'Received',
  unshield: 'Unshielded',
  merge: 'Merged notes',
}

/** Which way the shielded balance moves. */
const SIGN: Record<Activity['kind'], string> = {
  shield: '+',
  send: '−',
  receive: '+',
  unshield: '−',
  merge: '',
}

const STATUS_LABEL: Record<Activity['status'], string> = {
  proving: 'proving…',
  submitting: 'submitting…',
  pending: 'pending',
  settled: 'settled',
  failed: 'failed',
}

/** One line of history: what, how much, with whom, and where it stands. */
export function ActivityRow({ activity }: { activity: Activity }) {
  const sign = SIGN[activity.kind]
  return (
    <li
      className={`activity status-${activity.status}`}
      data-testid="activity-row"
      data-kind={activity.kind}
      data-status={activity.status}
    >
      <div className="row spread">
        <span>{KIND_LABEL[activity.kind]}</span>
        <span className="amount" data-testid="activity-amount">
          {sign}
          {formatUnits(activity.amount, activity.decimals)} {activity.symbol}
        </span>
      </div>
      <div className="row spread small">
        <span className={`badge ${activity.status}`} data-testid="activity-status">
          {STATUS_LABEL[activity.status]}
        </span>
        <span className="hint">{formatTime(activity.createdAt)}</span>
      </div>
      {activity.counterparty && (
        <div className="small mono" title={activity.counterparty}>
          {activity.kind === 'receive' ? 'from ' : 'to '}
          {shortAddress(activity.counterparty)}
        </div>
      )}
      {activity.site && (
        <div className="small hint" data-testid="activity-site">
          asked by {activity.site}
        </div>
      )}
      {activity.fee && activity.fee !== '0' && (
        <div className="small hint">
          fee {formatUnits(activity.fee, activity.decimals)} {activity.symbol}
        </div>
      )}
      {activity.memo && <div className="small">“{activity.memo}”</div>}
      {activity.txHash && (
        <div className="small mono hint" title={activity.txHash}>
          tx {shortAddress(activity.txHash, 10)}
        </div>
      )}
      {activity.error && (
        <div className="small error" data-testid="activity-error">
          {activity.error}
        </div>
      )}
    </li>
  )
}
