import type { Address } from 'viem'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { RelayError } from '../../lib/errors.js'
import type { PoolProof } from '../../lib/pool/transactArgs.js'
import type { RelayerContext } from '../context.js'
import { chainFailure } from './chainFailure.js'

/**
 * The proof's batch root must be one of the pool's recent batch roots and its
 * two archive roots roots the pool has had, or it is `unknown_root`.
 */
export async function checkKnownRoots(
  context: Pick<RelayerContext, 'publicClient'>,
  pool: Address,
  proof: Pick<PoolProof, 'batchRoot' | 'archiveRootA' | 'archiveRootB'>,
): Promise<void> {
  const read = (functionName: 'isKnownBatchRoot' | 'isKnownArchiveRoot', root: bigint) =>
    context.publicClient
      .readContract({ address: pool, abi: shieldedPoolAbi, functionName, args: [root] })
      .catch(chainFailure)
  const [batch, archiveA, archiveB] = await Promise.all([
    read('isKnownBatchRoot', proof.batchRoot),
    read('isKnownArchiveRoot', proof.archiveRootA),
    read('isKnownArchiveRoot', proof.archiveRootB),
  ])
  if (!batch)
    throw new RelayError(
      'unknown_root',
      `The batch root ${proof.batchRoot} is not one of the pool's recent ones: sync and prove again.`,
    )
  if (!archiveA || !archiveB)
    throw new RelayError(
      'unknown_root',
      `The archive root ${archiveA ? proof.archiveRootB : proof.archiveRootA} is not one the pool has had.`,
    )
}
