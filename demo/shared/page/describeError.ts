import { ApiError } from './api.js'

/** A word for each `data.reason` of docs/provider.md (codes are shared, reasons are not). */
const reasonLabels: Record<string, string> = {
  user_rejected: 'Rejected',
  unauthorized: 'Not authorized',
  wallet_locked: 'Wallet locked',
  unsupported_method: 'Unsupported method',
  disconnected: 'Wallet disconnected',
  invalid_params: 'Invalid params',
  request_pending: 'Already asked',
  insufficient_balance: 'Insufficient balance',
  proof_failed: 'Proof failed',
  relay_failed: 'Relay failed',
  internal: 'Wallet error',
}

/**
 * One line for a failed request, with its code: `Rejected (4001): …` for the
 * wallet's errors, `The shop refused it (underpaid): …` for the server's
 * (`who` names the server).
 */
export function describeError(error: unknown, who = 'the site'): string {
  if (error instanceof ApiError)
    return `${capitalize(who)} refused it (${error.code}): ${error.message}`
  const { code, message, reason, data } = (error ?? {}) as {
    code?: unknown
    message?: unknown
    reason?: unknown
    data?: { reason?: unknown }
  }
  const text = typeof message === 'string' && message ? message : String(error)
  const why = typeof reason === 'string' ? reason : data?.reason
  if (typeof code === 'number')
    return `${(typeof why === 'string' && reasonLabels[why]) || 'Wallet error'} (${code}): ${text}`
  return `Failed: ${text}`
}

/** The provider's numeric code, if the error has one. */
export function providerCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'number' ? code : undefined
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
