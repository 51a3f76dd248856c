import { useState } from 'react'
import { ActivityDetail } from '../activity/ActivityDetail.js'
import { ActivityRow } from '../activity/ActivityRow.js'
import { useActivities } from '../hooks/useActivities.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Screen } from '../ui/Screen.js'
import { Spinner } from '../ui/Spinner.js'

type ActivityProps = {
  onBack(): void
  /** Opens this payment's details at once. */
  openId?: string
}

/** The wallet's payments, newest first, updated live; one opens into its details. */
export function Activity({ onBack, openId }: ActivityProps) {
  const { activities, error } = useActivities()
  const [open, setOpen] = useState(openId)
  const shown = open ? activities?.find((a) => a.id === open) : undefined
  if (open && shown)
    return (
      <Screen
        title="Payment"
        onBack={() => (openId ? onBack() : setOpen(undefined))}
        testId="screen-activity-detail"
      >
        <ActivityDetail activity={shown} />
      </Screen>
    )
  return (
    <Screen title="Activity" onBack={onBack} testId="screen-activity">
      <ErrorText error={error} />
      {!activities && !error && <Spinner label="Reading the history…" />}
      {activities?.length === 0 && <p className="hint">No payments yet.</p>}
      {activities && activities.length > 0 && (
        <ul className="activity-list" data-testid="activity-list">
          {activities.map((activity) => (
            <ActivityRow key={activity.id} activity={activity} onOpen={setOpen} />
          ))}
        </ul>
      )}
    </Screen>
  )
}
