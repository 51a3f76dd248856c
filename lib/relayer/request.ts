import { RelayError, type RelayErrorCode, RelayerTimeoutError } from '../errors.js'

const codes: readonly RelayErrorCode[] = [
  'bad_request',
  'unsupported_pool',
  'wrong_relayer',
  'unknown_root',
  'nullifier_spent',
  'invalid_proof',
  'reverted',
  'fee_too_low',
  'relay_failed',
  'rate_limited',
  'gas_over_quote',
  'quote_invalid',
]

/** How long a relayer call waits by default: a status read, and a relay (which waits for its block). */
export const defaultRelayerTimeouts = { status: 10_000, relay: 60_000 } as const

export type RelayerRequestOptions = {
  /** Gives up after this long (default {@link defaultRelayerTimeouts}); a relay waits for inclusion, so keep it above a block time. */
  timeoutMs?: number
  /** Stops waiting when this aborts (a cancel): its reason is thrown. */
  signal?: AbortSignal
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch
}

/**
 * Calls a relayer route and returns its JSON. A refusal becomes a RelayError
 * with the relayer's code and message; no answer at all is `relay_failed`;
 * no answer in time is a RelayerTimeoutError (for a POST, `sent`: the relayer
 * may have submitted).
 */
export async function relayerRequest<T>(
  url: string,
  path: string,
  init: { method: 'GET' } | { method: 'POST'; body: unknown },
  options: RelayerRequestOptions = {},
): Promise<T> {
  const target = new URL(path, url.endsWith('/') ? url : `${url}/`)
  const timeoutMs =
    options.timeoutMs ??
    (init.method === 'GET' ? defaultRelayerTimeouts.status : defaultRelayerTimeouts.relay)
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
  const failed = (cause: unknown, what: string, status?: number): never => {
    if (options.signal?.aborted) throw options.signal.reason
    if (timeout.aborted)
      throw new RelayerTimeoutError({
        url: target.origin,
        timeoutMs,
        sent: init.method === 'POST',
        cause,
      })
    throw new RelayError('relay_failed', what, {
      cause,
      ...(status !== undefined ? { status } : {}),
    })
  }
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(target, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...('body' in init ? { 'content-type': 'application/json' } : {}),
      },
      ...('body' in init ? { body: JSON.stringify(init.body) } : {}),
      signal,
    })
  } catch (cause) {
    return failed(cause, `Could not reach the relayer at ${target.origin}.`)
  }
  let body: unknown
  try {
    body = await response.json()
  } catch (cause) {
    return failed(cause, `The relayer answered ${response.status} without JSON.`, response.status)
  }
  if (response.ok) return body as T
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
  const code = codes.find((c) => c === error?.code) ?? 'relay_failed'
  const message =
    typeof error?.message === 'string' ? error.message : `The relayer answered ${response.status}.`
  throw new RelayError(code, message, { status: response.status })
}
