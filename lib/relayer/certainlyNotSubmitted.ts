import { RelayError, RelayerTimeoutError } from '../errors.js'

/**
 * Whether a relay that threw `error` certainly put nothing on chain, so that
 * another relayer may be tried at once: the relayer refused it at a check
 * (it answered with a code other than `relay_failed`), or it could not be
 * connected to at all. A timeout after the request went out, a `relay_failed`
 * answer or a dropped connection may hide a transaction that still lands:
 * only the chain (the nullifiers) tells.
 */
export function certainlyNotSubmitted(error: unknown): boolean {
  if (error instanceof RelayerTimeoutError) return !error.sent
  if (!(error instanceof RelayError)) return false
  if (error.status !== undefined) return error.code !== 'relay_failed'
  return connectionRefused(error.cause)
}

function connectionRefused(cause: unknown): boolean {
  for (let c = cause, depth = 0; c && depth < 5; depth++) {
    if ((c as { code?: unknown }).code === 'ECONNREFUSED') return true
    c = (c as { cause?: unknown }).cause
  }
  return false
}
