import type { Address } from 'viem'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { RelayError } from '../../lib/errors.js'
import type { RelayerContext } from '../context.js'
import { chainFailure } from './chainFailure.js'

/** Every input's nullifier must be unspent in the pool, or it is `nullifier_spent`. */
export async function checkNullifiersUnspent(
  context: Pick<RelayerContext, 'publicClient'>,
  pool: Address,
  nullifiers: readonly bigint[],
): Promise<void> {
  const spent = await Promise.all(
    nullifiers.map((n) =>
      context.publicClient.readContract({
        address: pool,
        abi: shieldedPoolAbi,
        functionName: 'nullifierHashes',
        args: [n],
      }),
    ),
  ).catch(chainFailure)
  const index = spent.indexOf(true)
  if (index >= 0)
    throw new RelayError('nullifier_spent', `Nullifier ${nullifiers[index]} is already spent.`)
}
