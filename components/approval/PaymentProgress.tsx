import { useState } from 'react'
import type { ApprovalView, ProofProgress } from '../../background/messages.js'
import { errorMessage, send } from '../api.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Spinner } from '../ui/Spinner.js'

/** An approved payment's stage, in words. */
export function progressLine(stage: ProofProgress['stage'] | 'waiting' | undefined): string {
  switch (stage) {
    case 'loading':
    case 'witness':
    case 'proving':
      return 'Approved: finishing the proof…'
    case 'ready':
    case 'submitting':
      return 'Sending the payment and waiting for its block…'
    case 'done':
      return 'Paid.'
    default:
      return 'Approved: preparing the payment…'
  }
}

type CancelState = 'idle' | 'cancelling' | 'cancelled' | 'tracking' | 'ended'

/**
 * An approved payment, until it ends (the background then closes the
 * window): its progress and a Cancel (`tx.cancel`). Not sent yet: nothing
 * goes out, its notes come back and the site hears a rejection. Sent: it
 * may still land, so the window says so and the wallet keeps following it.
 */
export function PaymentProgress({
  view,
  stage,
}: {
  view: ApprovalView
  stage: ProofProgress['stage'] | undefined
}) {
  const [state, setState] = useState<CancelState>('idle')
  const [error, setError] = useState<string>()
  const activityId = view.proof?.activityId
  const cancel = async () => {
    if (!activityId) return
    setState('cancelling')
    setError(undefined)
    try {
      setState((await send('tx.cancel', { activityId })).status)
    } catch (cause) {
      setError(errorMessage(cause))
      setState('idle')
    }
  }
  if (state === 'cancelled')
    return (
      <p className="hint" data-testid="approval-cancelled">
        Cancelled: nothing was sent, and the payment's notes are back in your balance.
      </p>
    )
  return (
    <div className="stack" data-testid="approval-progress">
      <Spinner label={progressLine(stage ?? view.proof?.stage)} />
      {state === 'tracking' ? (
        <p className="hint" data-testid="approval-tracking">
          It was already sent: it may still land. zkpay keeps watching and will show the result.
        </p>
      ) : state === 'ended' ? (
        <p className="hint" data-testid="approval-ended">
          This payment had already ended; the popup's activity shows how.
        </p>
      ) : (
        activityId && (
          <button
            type="button"
            onClick={() => void cancel()}
            disabled={state === 'cancelling'}
            data-testid="approval-cancel"
          >
            {state === 'cancelling' ? 'Cancelling…' : 'Cancel'}
          </button>
        )
      )}
      <ErrorText error={error} testId="approval-cancel-error" />
    </div>
  )
}
