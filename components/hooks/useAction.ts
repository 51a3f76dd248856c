import { useCallback, useRef, useState } from 'react'
import { errorMessage } from '../api.js'

export type Action<A extends unknown[], R> = {
  run(...args: A): Promise<R | undefined>
  busy: boolean
  error?: string
  clearError(): void
}

/**
 * Wraps one async request for a button: `busy` while it runs, its readable
 * `error` when it fails (then `run` resolves `undefined`). A second `run`
 * while one is busy is ignored, so a double click sends once.
 */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
): Action<A, R> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const running = useRef(false)
  const latest = useRef(action)
  latest.current = action

  const run = useCallback(async (...args: A) => {
    if (running.current) return undefined
    running.current = true
    setBusy(true)
    setError(undefined)
    try {
      return await latest.current(...args)
    } catch (cause) {
      setError(errorMessage(cause))
      return undefined
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])

  return { run, busy, error, clearError: useCallback(() => setError(undefined), []) }
}
