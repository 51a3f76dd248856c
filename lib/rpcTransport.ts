import { fallback, http, type Transport } from 'viem'

export type RpcTransportOptions = {
  /** Per request, ms (default 15 s: a node that accepts and never answers must not hang a payment). */
  timeout?: number
  /** Retries (of the one URL; with several, of the whole list) before the error is thrown (default 1). */
  retryCount?: number
}

/**
 * The transport for a chain reached through `urls`, the first preferred:
 * one URL is a plain `http` transport; several are viem's `fallback`, which
 * sends each request to the next URL when one fails or times out (errors the
 * node gave for the request itself, such as a revert, are not retried
 * elsewhere). Order is kept (`rank: false`): the user's choice comes first,
 * and nothing probes the backups while the first one works.
 */
export function rpcTransport(
  urls: readonly string[],
  { timeout = 15_000, retryCount = 1 }: RpcTransportOptions = {},
): Transport {
  const [first, ...rest] = [...new Set(urls)]
  if (first === undefined) throw new TypeError('rpcTransport needs at least one URL.')
  if (rest.length === 0) return http(first, { timeout, retryCount })
  return fallback(
    [first, ...rest].map((url) => http(url, { timeout, retryCount })),
    { rank: false, retryCount },
  )
}
