import { useCallback, useRef, useState } from 'react'
import type { Activity, ProofProgress } from '../../background/messages.js'
import { errorMessage, send, useBackgroundEvents } from '../api.js'

export type TxRun = {
  /** Sends the request (one of the `tx.*` types) and follows the activity it starts. */
  start(request: () => Promise<{ activityId: string }>): Promise<void>
  /** `starting`: the request is on its way; `running`: the background works on it. */
  phase: 'idle' | 'starting' | 'running' | 'settled' | 'failed'
  activityId?: string
  activity?: Activity
  /** The latest proof stage of this activity. */
  stage?: ProofProgress['stage']
  /** Why the request or the transaction failed. */
  error?: string
  reset(): void
}

/**
 * Follows one transaction from the form's click to its settlement. Events are
 * recorded from mount, so a `proof.progress` that arrives before `tx.*`
 * answers with the activity id is not lost; `activity.list` is read again
 * when the activity id arrives and on `state.changed` (a restarted service
 * worker may have finished or failed the activity without the page seeing).
 */
export function useTxRun(): TxRun {
  const [activityId, setActivityId] = useState<string>()
  const [starting, setStarting] = useState(false)
  const [requestError, setRequestError] = useState<string>()
  const [activities, setActivities] = useState<Record<string, Activity>>({})
  const [stages, setStages] = useState<Record<string, ProofProgress['stage']>>({})
  const currentId = useRef<string | undefined>(undefined)

  const remember = useCallback((activity: Activity) => {
    setActivities((known) => {
      const previous = known[activity.id]
      if (previous && previous.updatedAt > activity.updatedAt) return known
      return { ...known, [activity.id]: activity }
    })
  }, [])

  const reload = useCallback(async () => {
    const id = currentId.current
    if (!id) return
    try {
      const found = (await send('activity.list')).find((activity) => activity.id === id)
      if (found) remember(found)
    } catch {
      // Events keep coming; a failed re-read changes nothing shown.
    }
  }, [remember])

  useBackgroundEvents((event) => {
    if (event.event === 'activity.updated') remember(event.data)
    if (event.event === 'proof.progress') {
      setStages((known) => ({ ...known, [event.data.activityId]: event.data.stage }))
    }
    if (event.event === 'state.changed') void reload()
  })

  const start = useCallback(
    async (request: () => Promise<{ activityId: string }>) => {
      if (starting || currentId.current) return
      setStarting(true)
      setRequestError(undefined)
      try {
        const { activityId: id } = await request()
        currentId.current = id
        setActivityId(id)
        await reload()
      } catch (cause) {
        setRequestError(errorMessage(cause))
      } finally {
        setStarting(false)
      }
    },
    [starting, reload],
  )

  const reset = useCallback(() => {
    currentId.current = undefined
    setActivityId(undefined)
    setRequestError(undefined)
  }, [])

  const activity = activityId ? activities[activityId] : undefined
  const stage = activityId ? stages[activityId] : undefined
  const phase: TxRun['phase'] = requestError
    ? 'failed'
    : starting
      ? 'starting'
      : !activityId
        ? 'idle'
        : activity?.status === 'settled'
          ? 'settled'
          : activity?.status === 'failed'
            ? 'failed'
            : 'running'
  return {
    start,
    phase,
    activityId,
    activity,
    stage,
    error: requestError ?? activity?.error,
    reset,
  }
}
