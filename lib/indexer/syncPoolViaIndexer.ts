import { TreeMismatchError } from '../errors.js'
import { type SyncPoolParameters, type SyncPoolReturnType, syncPool } from '../sync/syncPool.js'
import { confirmSpends } from './confirmSpends.js'
import type { IndexerEventReader } from './createIndexerEventReader.js'
import { IndexerError } from './errors.js'

export type SyncPoolViaIndexerParameters = Omit<SyncPoolParameters, 'readEvents'> & {
  indexer: IndexerEventReader
}

export type SyncPoolViaIndexerReturnType = SyncPoolReturnType & {
  /** Where the events came from in the end. */
  source: 'indexer' | 'rpc' | 'indexer+rpc'
}

/**
 * `syncPool` with the events from an indexer, and what makes that safe:
 * when the tree built from the indexer's leaves misses the chain's roots,
 * the indexer is set aside and the same range is synced again from the RPC;
 * when any event came from the indexer, every note's spent flag is then
 * confirmed on chain (`confirmSpends`). A lying indexer costs a second sync
 * and a few calls, never a wrong balance or a note shown unspent that the
 * chain has spent.
 */
export async function syncPoolViaIndexer(
  params: SyncPoolViaIndexerParameters,
): Promise<SyncPoolViaIndexerReturnType> {
  const { indexer, ...rest } = params
  let result: SyncPoolReturnType
  try {
    result = await syncPool({ ...rest, readEvents: indexer })
  } catch (error) {
    if (!(error instanceof TreeMismatchError) || indexer.lastSource === 'rpc') throw error
    indexer.distrust(
      new IndexerError('inconsistent', "The indexer's leaves do not reach the pool's roots.", {
        cause: error,
      }),
    )
    result = await syncPool(rest)
    return { ...result, source: 'rpc' }
  }
  const source = indexer.lastSource ?? 'rpc'
  if (source === 'rpc') return { ...result, source }
  const { spent } = await confirmSpends({
    publicClient: params.publicClient,
    state: params.state,
    toBlock: result.toBlock,
    spent: result.spent,
  })
  // Asked about: the sync's spends and every unspent note; spent on chain now means spent by this sync.
  return { ...result, spent, source }
}
