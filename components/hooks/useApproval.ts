import { useCallback, useEffect, useState } from 'react'
import type { ApprovalView, ProofProgress } from '../../background/messages.js'
import { errorMessage, send, useBackgroundEvents } from '../api.js'

export type ApprovalState = {
  view?: ApprovalView
  error?: string
  /** The latest proof stage seen live, fresher than `view.proof`. */
  stage?: ProofProgress['stage']
  refresh(): Promise<void>
}

/** One site request as the approval window shows it, refreshed on every change. */
export function useApproval(requestId: string): ApprovalState {
  const [view, setView] = useState<ApprovalView>()
  const [error, setError] = useState<string>()
  const [stage, setStage] = useState<ProofProgress['stage']>()

  const refresh = useCallback(async () => {
    try {
      setView(await send('approval.get', { id: requestId }))
      setError(undefined)
    } catch (cause) {
      setError(errorMessage(cause))
    }
  }, [requestId])

  useEffect(() => {
    void refresh()
  }, [refresh])

  useBackgroundEvents((event) => {
    if (event.event === 'approval.changed' || event.event === 'state.changed') void refresh()
    if (event.event === 'activity.updated' && event.data.id === view?.proof?.activityId)
      void refresh()
    if (event.event === 'proof.progress' && event.data.activityId === view?.proof?.activityId)
      setStage(event.data.stage)
  })

  return { view, error, stage, refresh }
}
