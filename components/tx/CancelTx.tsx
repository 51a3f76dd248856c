import { useState } from 'react'
import { errorMessage, send } from '../api.js'
import { ErrorText } from '../ui/ErrorText.js'

/**
 * Cancel for a running transaction (`tx.cancel`). Before it is sent the
 * wallet drops it and its notes come back (the progress then shows it
 * failed, cancelled); once sent it may still land, so this says so and the
 * progress keeps following it until the chain settles it either way.
 */
export function CancelTx({ activityId }: { activityId: string | undefined }) {
  const [state, setState] = useState<'idle' | 'cancelling' | 'tracking'>('idle')
  const [error, setError] = useState<string>()
  if (!activityId) return null
  if (state === 'tracking')
    return (
      <p className="hint" data-testid="tx-tracking">
        It was already sent, so it may still land. The wallet stopped waiting for the relayer and
        watches the chain: this shows whether it settles.
      </p>
    )
  const cancel = async () => {
    setState('cancelling')
    setError(undefined)
    try {
      const { status } = await send('tx.cancel', { activityId })
      setState(status === 'tracking' ? 'tracking' : 'idle')
    } catch (cause) {
      setError(errorMessage(cause))
      setState('idle')
    }
  }
  return (
    <div className="stack">
      <button
        type="button"
        onClick={cancel}
        disabled={state === 'cancelling'}
        data-testid="tx-cancel"
      >
        {state === 'cancelling' ? 'Cancelling…' : 'Cancel'}
      </button>
      <ErrorText error={error} testId="tx-cancel-error" />
    </div>
  )
}
