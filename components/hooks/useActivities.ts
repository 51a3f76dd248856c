import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Activity } from '../../background/messages.js'
import { oneEntryPerTransaction } from '../activity/describe.js'
import { errorMessage, send, useBackgroundEvents } from '../api.js'

/**
 * The activity list, newest first, one entry per transaction, kept current
 * by `activity.updated` events.
 */
export function useActivities() {
  const [activities, setActivities] = useState<Activity[]>()
  const [error, setError] = useState<string>()

  const load = useCallback(async () => {
    try {
      setActivities(sortNewestFirst(await send('activity.list')))
      setError(undefined)
    } catch (cause) {
      setError(errorMessage(cause))
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  useBackgroundEvents((event) => {
    if (event.event === 'state.changed') void load()
    if (event.event === 'activity.removed')
      setActivities((list) => list?.filter((a) => a.id !== event.data.id))
    if (event.event !== 'activity.updated') return
    const updated = event.data
    setActivities((list) =>
      sortNewestFirst([...(list ?? []).filter((a) => a.id !== updated.id), updated]),
    )
  })

  const entries = useMemo(() => activities && oneEntryPerTransaction(activities), [activities])
  return { activities: entries, error, reload: load }
}

function sortNewestFirst(list: Activity[]): Activity[] {
  return [...list].sort((a, b) => b.createdAt - a.createdAt)
}
