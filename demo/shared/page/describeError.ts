import { ApiError } from './api.js'

/** A word for each provider error code of docs/provider.md. */
const providerLabels: Record<number, string> = {
  4001: 'Rejected',
  4100: 'Not authorized',
  4200: 'Unsupported method',
  4900: 'Wallet disconnected',
  [-32602]: 'Invalid params',
  [-32603]: 'Wallet error',
  5000: 'Wallet locked',
  5001: 'Insufficient balance',
  5002: 'Proof failed',
  5003: 'Relay failed',
}

/**
 * One line for a failed request, with its code: `Rejected (4001): …` for the
 * wallet's errors, `The shop refused it (underpaid): …` for the server's
 * (`who` names the server).
 */
export function describeError(error: unknown, who = 'the site'): string {
  if (error instanceof ApiError)
    return `${capitalize(who)} refused it (${error.code}): ${error.message}`
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  const text = typeof message === 'string' && message ? message : String(error)
  if (typeof code === 'number')
    return `${providerLabels[code] ?? 'Wallet error'} (${code}): ${text}`
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
