import type { Address } from 'viem'
import type { TransactionEvent } from '../sync/fetchPoolEvents.js'
import { IndexerError } from './errors.js'
import { fetchJson } from './fetchJson.js'
import { parseWireRow, WIRE_VERSION } from './wireFormat.js'

export type ReadIndexerRangeParameters = {
  /** The indexer's base URL. */
  url: string
  chainId: number
  pool: Address
  fromBlock: bigint
  toBlock: bigint
  /** Per request (default 10 s). */
  timeoutMs?: number
  /** Transactions per page (default 5,000; the indexer caps it at 10,000). */
  pageSize?: number
  fetch?: typeof globalThis.fetch
  onProgress?: (doneBlock: bigint) => void
}

export type ReadIndexerRangeReturnType = {
  events: TransactionEvent[]
  /** The last block the indexer had indexed: `events` cover `[fromBlock, min(toBlock, indexedBlock)]`. */
  indexedBlock: bigint
}

function inconsistent(details: string): never {
  throw new IndexerError('inconsistent', 'The indexer sent transactions out of order.', { details })
}

function join(base: string, path: string) {
  return `${base.replace(/\/+$/, '')}${path}`
}

/**
 * The pool's transactions in `[fromBlock, min(toBlock, indexed)]` from an
 * indexer (indexer/src/api), in whole pages, each row parsed and the pages
 * checked to follow each other leaf by leaf. Nothing here is trusted yet:
 * the caller checks the result against the chain. Throws `IndexerError`.
 */
export async function readIndexerRange(
  params: ReadIndexerRangeParameters,
): Promise<ReadIndexerRangeReturnType> {
  const { url, fromBlock, toBlock } = params
  const timeoutMs = params.timeoutMs ?? 10_000
  const pageSize = params.pageSize ?? 5_000
  const get = (path: string) =>
    fetchJson({
      url: join(url, path),
      timeoutMs,
      ...(params.fetch ? { fetch: params.fetch } : {}),
    })

  const [meta, status] = await Promise.all([get('/meta'), get('/status')])
  const m = meta as { v?: unknown; chainId?: unknown; pool?: unknown }
  if (m.v !== WIRE_VERSION || m.chainId !== params.chainId || typeof m.pool !== 'string')
    throw new IndexerError('wrong_pool', 'The indexer serves another chain or format.', {
      details: JSON.stringify(meta),
    })
  if (m.pool.toLowerCase() !== params.pool.toLowerCase())
    throw new IndexerError('wrong_pool', 'The indexer indexes another pool.', {
      details: `${m.pool}, not ${params.pool}`,
    })
  const chains = Object.values((status ?? {}) as Record<string, { id?: unknown; block?: unknown }>)
  const block = chains.find((c) => c?.id === params.chainId)?.block as
    | { number?: unknown }
    | undefined
  if (typeof block?.number !== 'number' || !Number.isSafeInteger(block.number))
    throw new IndexerError('bad_data', 'The indexer does not say how far it indexed.', {
      details: JSON.stringify(status),
    })
  const indexedBlock = BigInt(block.number)
  const upTo = indexedBlock < toBlock ? indexedBlock : toBlock
  if (upTo < fromBlock) return { events: [], indexedBlock }

  const events: TransactionEvent[] = []
  let after = 0
  for (;;) {
    const page = (await get(
      `/blocks?from=${fromBlock}&to=${upTo}&after=${after}&limit=${pageSize}`,
    )) as { v?: unknown; rows?: unknown; next?: unknown }
    if (page?.v !== WIRE_VERSION || !Array.isArray(page.rows))
      throw new IndexerError('bad_data', 'The indexer sent a page that is not one.')
    for (const row of page.rows) {
      const e = parseWireRow(row)
      const previous = events.at(-1)
      if (e.blockNumber < fromBlock || e.blockNumber > upTo)
        inconsistent(`block ${e.blockNumber} is outside ${fromBlock}..${upTo}`)
      if (previous && e.index !== previous.index + 2)
        inconsistent(`leaf ${e.index} follows leaf ${previous.index}`)
      if (!previous && e.index < after) inconsistent(`leaf ${e.index} before ${after}`)
      if (previous && e.blockNumber < previous.blockNumber)
        inconsistent(`block ${e.blockNumber} after block ${previous.blockNumber}`)
      events.push(e)
    }
    if (page.next === null) break
    const last = events.at(-1)
    if (!last || page.next !== last.index + 2 || page.rows.length === 0)
      inconsistent(`next page at ${String(page.next)}`)
    after = page.next as number
    params.onProgress?.(last.blockNumber - 1n)
  }
  params.onProgress?.(upTo)
  return { events, indexedBlock }
}
