import { ChevronRight } from 'lucide-react'
import type { Activity } from '../../background/messages.js'
import { ActivityRow } from '../activity/ActivityRow.js'
import { describeActivity, isPending } from '../activity/describe.js'

/** Rows of recent activity Home shows before "See all". */
const RECENT = 3

type RecentActivityProps = {
  activities: Activity[] | undefined
  onOpen(id: string): void
  onAll(): void
}

/** Home's lower half: payments on their way (with their amount), then the latest few. */
export function RecentActivity({ activities, onOpen, onAll }: RecentActivityProps) {
  const pending = (activities ?? []).filter(isPending)
  const recent = (activities ?? []).filter((a) => !isPending(a)).slice(0, RECENT)
  return (
    <>
      {pending.length > 0 && (
        <section aria-labelledby="home-pending-title" data-testid="home-pending">
          <h2 className="section-title" id="home-pending-title">
            On its way
          </h2>
          <ul className="activity-list">
            {pending.map((activity) => (
              <ActivityRow key={activity.id} activity={activity} onOpen={onOpen} />
            ))}
          </ul>
          <p className="hint" data-testid="home-pending-total">
            {pendingSummary(pending)}
          </p>
        </section>
      )}
      <section aria-labelledby="home-recent-title" data-testid="home-recent">
        <div className="row spread">
          <h2 className="section-title" id="home-recent-title">
            Recent activity
          </h2>
          <button type="button" className="link" onClick={onAll} data-testid="nav-activity">
            See all <ChevronRight size={14} aria-hidden />
          </button>
        </div>
        {activities && recent.length === 0 && pending.length === 0 && (
          <p className="hint">No payments yet. Shield tokens or share your address to begin.</p>
        )}
        {recent.length > 0 && (
          <ul className="activity-list">
            {recent.map((activity) => (
              <ActivityRow key={activity.id} activity={activity} onOpen={onOpen} />
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

/** "1 payment on its way: 0.05 zUSD." */
function pendingSummary(pending: Activity[]): string {
  const amounts = pending.map((a) => describeActivity(a).amount).join(', ')
  return pending.length === 1
    ? `1 payment on its way: ${amounts}.`
    : `${pending.length} payments on their way: ${amounts}.`
}
