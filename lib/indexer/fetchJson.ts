import { IndexerError } from './errors.js'

export type FetchJsonParameters = {
  url: string
  timeoutMs: number
  fetch?: typeof globalThis.fetch
}

/** GETs `url` and parses its JSON body, or throws an `IndexerError` ('timeout', 'unreachable', 'bad_data'). */
export async function fetchJson({ url, timeoutMs, fetch = globalThis.fetch }: FetchJsonParameters) {
  let response: Response
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } })
  } catch (cause) {
    if (signal.aborted)
      throw new IndexerError('timeout', `The indexer did not answer within ${timeoutMs} ms.`, {
        details: url,
        cause,
      })
    throw new IndexerError('unreachable', 'The indexer cannot be reached.', { details: url, cause })
  }
  if (!response.ok)
    throw new IndexerError('unreachable', `The indexer answered ${response.status}.`, {
      details: url,
    })
  try {
    return (await response.json()) as unknown
  } catch (cause) {
    if (signal.aborted)
      throw new IndexerError('timeout', `The indexer did not finish within ${timeoutMs} ms.`, {
        details: url,
        cause,
      })
    throw new IndexerError('bad_data', 'The indexer sent something that is not JSON.', {
      details: url,
      cause,
    })
  }
}
