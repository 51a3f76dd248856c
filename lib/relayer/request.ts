import { RelayError, type RelayErrorCode } from '../errors.js'

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
]

export type RelayerRequestOptions = {
  /** Gives up after this long; a relay waits for inclusion, so keep it above a block time. */
  timeoutMs?: number
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch
}

/**
 * Calls a relayer route and returns its JSON. A refusal becomes a RelayError
 * with the relayer's code and message; no answer at all is `relay_failed`.
 */
export async function relayerRequest<T>(
  url: string,
  path: string,
  init: { method: 'GET' } | { method: 'POST'; body: unknown },
  options: RelayerRequestOptions = {},
): Promise<T> {
  const target = new URL(path, url.endsWith('/') ? url : `${url}/`)
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(target, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...('body' in init ? { 'content-type': 'application/json' } : {}),
      },
      ...('body' in init ? { body: JSON.stringify(init.body) } : {}),
      ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
    })
  } catch (cause) {
    throw new RelayError('relay_failed', `Could not reach the relayer at ${target.origin}.`, {
      cause,
    })
  }
  let body: unknown
  try {
    body = await response.json()
  } catch (cause) {
    throw new RelayError('relay_failed', `The relayer answered ${response.status} without JSON.`, {
      status: response.status,
      cause,
    })
  }
  if (response.ok) return body as T
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
  const code = codes.find((c) => c === error?.code) ?? 'relay_failed'
  const message =
    typeof error?.message === 'string' ? error.message : `The relayer answered ${response.status}.`
  throw new RelayError(code, message, { status: response.status })
}
