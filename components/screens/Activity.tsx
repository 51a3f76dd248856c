import { ActivityRow } from '../activity/ActivityRow.js'
import { useActivities } from '../hooks/useActivities.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Screen } from '../ui/Screen.js'
import { Spinner } from '../ui/Spinner.js'

/** The wallet's history, newest first, updated live. */
export function Activity({ onBack }: { onBack(): void }) {
  const { activities, error } = useActivities()
  return (
    <Screen title="Activity" onBack={onBack} testId="screen-activity">
      <ErrorText error={error} />
      {!activities && !error && <Spinner label="Reading the history…" />}
      {activities?.length === 0 && <p className="hint">Nothing yet.</p>}
      {activities && activities.length > 0 && (
        <ul className="activity-list" data-testid="activity-list">
          {activities.map((activity) => (
            <ActivityRow key={activity.id} activity={activity} />
          ))}
        </ul>
      )}
    </Screen>
  )
}
