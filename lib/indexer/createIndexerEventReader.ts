/**
 * A `PoolEventReader` (lib/sync/syncPool.ts) that fast-syncs from an indexer
 * (indexer/, docs/indexer.md) and trusts it for nothing.
 *
 * Plug it in where a deployment names an indexer (`indexer` in the deployment
 * file), and sync through `syncPoolViaIndexer`, which adds what a reader
 * alone cannot check (the roots, the spends):
 *
 *   const indexer = createIndexerEventReader({ url: file.indexer, publicClient, pool })
 *   await syncPoolViaIndexer({ publicClient, state, keys, scanner, indexer })
 *
 * What it does per range: asks the indexer how far it indexed, reads whole
 * block ranges from it in pages (never one note), parses every row (lengths,
 * field elements, addresses), checks that the leaves follow each other and
 * that their count is the pool's `leafCount` at both ends, compares a few
 * random blocks with the chain's own logs, and reads what the indexer has not
 * indexed yet from the RPC. On any failure (absent, slow, wrong pool, bad
 * encoding, gaps, wrong indexes, counts the chain contradicts) it reads the
 * whole range from the RPC instead and keeps off the indexer for a while.
 */
import type { Address, PublicClient } from 'viem'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { fetchPoolEvents, type TransactionEvent } from '../sync/fetchPoolEvents.js'
import type { PoolEventReader } from '../sync/syncPool.js'
import { IndexerError } from './errors.js'
import { readIndexerRange } from './readIndexerRange.js'
import { sameEvents } from './sameEvents.js'

export type EventSource = 'indexer' | 'rpc' | 'indexer+rpc'

export type CreateIndexerEventReaderParameters = {
  /** The indexer's base URL (the deployment file's `indexer`). */
  url: string
  publicClient: PublicClient
  pool: Address
  /** Where to read instead (default: the RPC, `fetchPoolEvents`). */
  fallback?: PoolEventReader
  /** Per indexer request (default 10 s). */
  timeoutMs?: number
  /** Transactions per indexer page (default 5,000). */
  pageSize?: number
  /** Blocks with transactions compared with the chain's logs per read (default 4). */
  sampleBlocks?: number
  /** How long to leave the indexer alone after it failed (default 60 s). */
  cooldownMs?: number
  fetch?: typeof globalThis.fetch
  /** Told each time the indexer was not used, and why. */
  onFallback?: (error: IndexerError) => void
  now?: () => number
  random?: () => number
}

export type IndexerEventReader = PoolEventReader & {
  /** Where the last read's events came from. */
  readonly lastSource: EventSource | undefined
  /** Keeps off the indexer for `cooldownMs` (e.g. after its leaves failed the root check). */
  distrust(error: IndexerError): void
}

function asIndexerError(error: unknown): IndexerError {
  return error instanceof IndexerError
    ? error
    : new IndexerError('inconsistent', 'The indexer could not be checked against the chain.', {
        cause: error,
      })
}

export function createIndexerEventReader(
  params: CreateIndexerEventReaderParameters,
): IndexerEventReader {
  const { url, publicClient, pool } = params
  const now = params.now ?? Date.now
  const random = params.random ?? Math.random
  const cooldownMs = params.cooldownMs ?? 60_000
  const sampleBlocks = params.sampleBlocks ?? 4
  const fallback: PoolEventReader =
    params.fallback ?? ((range) => fetchPoolEvents({ publicClient, pool, ...range }))
  let avoidUntil = 0
  let lastSource: EventSource | undefined

  const leafCountAt = (blockNumber: bigint) =>
    publicClient.readContract({
      address: pool,
      abi: shieldedPoolAbi,
      functionName: 'leafCount',
      blockNumber,
    })

  function distrust(error: IndexerError) {
    avoidUntil = now() + cooldownMs
    params.onFallback?.(error)
  }

  /** Throws `IndexerError` unless the chain agrees with `events` over `[fromBlock, toBlock]`. */
  async function checkAgainstChain(
    events: TransactionEvent[],
    fromBlock: bigint,
    toBlock: bigint,
  ): Promise<void> {
    const after = Number(await leafCountAt(toBlock))
    // Before the pool existed there is no contract to ask: syncPool checks the first index then.
    const before = await leafCountAt(fromBlock - 1n).then(Number, () => undefined)
    const first = events[0]?.index ?? after
    const end = events.length > 0 ? events.at(-1)!.index + 2 : after
    if (end !== after || (before !== undefined && first !== before))
      throw new IndexerError('inconsistent', 'The indexer leaves out or adds transactions.', {
        details: `leaves ${first}..${end} from the indexer, the pool has ${before ?? '?'}..${after} in blocks ${fromBlock}..${toBlock}`,
      })
    const blocks = [...new Set(events.map((e) => e.blockNumber))]
    const picked = new Set<bigint>()
    while (picked.size < Math.min(sampleBlocks, blocks.length))
      picked.add(blocks[Math.floor(random() * blocks.length)]!)
    await Promise.all(
      [...picked].map(async (blockNumber) => {
        const chain = await fetchPoolEvents({
          publicClient,
          pool,
          fromBlock: blockNumber,
          toBlock: blockNumber,
        })
        const served = events.filter((e) => e.blockNumber === blockNumber)
        if (!sameEvents(served, chain))
          throw new IndexerError('inconsistent', 'The indexer alters transactions.', {
            details: `block ${blockNumber} differs from the chain's logs`,
          })
      }),
    )
  }

  const read: PoolEventReader = async (range) => {
    const { fromBlock, toBlock } = range
    if (now() < avoidUntil) {
      lastSource = 'rpc'
      return fallback(range)
    }
    try {
      const chainId = publicClient.chain?.id ?? (await publicClient.getChainId())
      const { events, indexedBlock } = await readIndexerRange({
        url,
        chainId,
        pool,
        fromBlock,
        toBlock,
        ...(params.timeoutMs ? { timeoutMs: params.timeoutMs } : {}),
        ...(params.pageSize ? { pageSize: params.pageSize } : {}),
        ...(params.fetch ? { fetch: params.fetch } : {}),
        ...(range.onProgress
          ? { onProgress: (doneBlock) => range.onProgress?.({ fromBlock, toBlock, doneBlock }) }
          : {}),
      })
      if (indexedBlock < fromBlock) {
        // Behind: not a fault, but nothing to take from it.
        lastSource = 'rpc'
        params.onFallback?.(
          new IndexerError('behind', 'The indexer has not reached these blocks yet.', {
            details: `indexed to ${indexedBlock}, asked from ${fromBlock}`,
          }),
        )
        return fallback(range)
      }
      const servedTo = indexedBlock < toBlock ? indexedBlock : toBlock
      await checkAgainstChain(events, fromBlock, servedTo)
      if (servedTo === toBlock) {
        lastSource = 'indexer'
        return events
      }
      const rest = await fallback({ ...range, fromBlock: servedTo + 1n })
      lastSource = 'indexer+rpc'
      return [...events, ...rest]
    } catch (error) {
      // Whatever went wrong (the indexer, or the RPC while checking it), the RPC alone decides.
      distrust(asIndexerError(error))
      lastSource = 'rpc'
      return fallback(range)
    }
  }

  const reader = read as IndexerEventReader
  Object.defineProperty(reader, 'lastSource', { get: () => lastSource })
  reader.distrust = distrust
  return reader
}
