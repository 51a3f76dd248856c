import type { Address } from 'viem'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { RelayError } from '../../lib/errors.js'
import type { RelayerContext } from '../context.js'
import { chainFailure } from './chainFailure.js'

/** The proof's root must be one of the pool's recent roots, or it is `unknown_root`. */
export async function checkKnownRoot(
  context: Pick<RelayerContext, 'publicClient'>,
  pool: Address,
  root: bigint,
): Promise<void> {
  const known = await context.publicClient
    .readContract({
      address: pool,
      abi: shieldedPoolAbi,
      functionName: 'isKnownRoot',
      args: [root],
    })
    .catch(chainFailure)
  if (!known)
    throw new RelayError(
      'unknown_root',
      `The root ${root} is not one of the pool's recent roots: sync and prove again.`,
    )
}
