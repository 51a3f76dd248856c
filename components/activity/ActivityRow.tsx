import type { Activity } from '../../background/messages.js'
import { formatTime, formatUnits } from '../format.js'
import { ActivityIcon } from './ActivityIcon.js'
import { describeActivity, type NameOf } from './describe.js'

type ActivityRowProps = { activity: Activity; onOpen?: (id: string) => void; nameOf?: NameOf }

/** One payment in words: what, how much, with whom, when, and where it stands; opens its details. */
export function ActivityRow({ activity, onOpen, nameOf }: ActivityRowProps) {
  const said = describeActivity(activity, nameOf)
  const sign = said.direction === 'in' ? '+' : said.direction === 'out' ? '−' : ''
  const fee = activity.fee && activity.fee !== '0' ? activity.fee : undefined
  return (
    <li
      className={`activity status-${activity.status}`}
      data-testid="activity-row"
      data-kind={activity.kind}
      data-status={activity.status}
    >
      <button
        type="button"
        className="activity-button"
        onClick={() => onOpen?.(activity.id)}
        data-testid="activity-open"
      >
        <ActivityIcon kind={activity.kind} />
        <span className="activity-text">
          <span className="activity-title" data-testid="activity-title">
            {said.title}
          </span>
          <span className="row small">
            <span className={`badge ${activity.status}`} data-testid="activity-status">
              {said.state}
            </span>
            <span className="hint">{formatTime(activity.createdAt)}</span>
            {fee && (
              <span className="hint" data-testid="activity-fee">
                fee {feeText(fee, activity)}
              </span>
            )}
          </span>
          {activity.error && (
            <span className="small error" data-testid="activity-error">
              {activity.error}
            </span>
          )}
        </span>
        <span className={`activity-amount ${said.direction}`} data-testid="activity-amount">
          {sign}
          {said.amount}
        </span>
      </button>
    </li>
  )
}

function feeText(fee: string, activity: Activity): string {
  return `${formatUnits(fee, activity.decimals)} ${activity.symbol}`
}
