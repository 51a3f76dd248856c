import type { Address, PublicClient } from 'viem'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { ChainError } from '../errors.js'

export type CheckNullifiersOptions = {
  /** The block to ask at (default: latest). */
  blockNumber?: bigint
  /** Calls in flight at once (default 16). */
  concurrency?: number
}

/**
 * Whether each of `nullifiers` is spent in `pool`, as the pool's own
 * `nullifierHashes` view says: the answer no indexer can forge. The RPC learns
 * which nullifiers were asked about, so ask only about the wallet's own notes,
 * and only when something else (an indexer) told their state.
 */
export async function checkNullifiersOnChain(
  publicClient: PublicClient,
  pool: Address,
  nullifiers: readonly bigint[],
  options: CheckNullifiersOptions = {},
): Promise<Map<bigint, boolean>> {
  const unique = [...new Set(nullifiers)]
  const spent = new Map<bigint, boolean>()
  const concurrency = Math.max(1, options.concurrency ?? 16)
  let next = 0
  const worker = async () => {
    while (next < unique.length) {
      const n = unique[next++]!
      const isSpent = await publicClient.readContract({
        address: pool,
        abi: shieldedPoolAbi,
        functionName: 'nullifierHashes',
        args: [n],
        ...(options.blockNumber === undefined ? {} : { blockNumber: options.blockNumber }),
      })
      spent.set(n, isSpent)
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, unique.length) }, worker))
  } catch (cause) {
    throw new ChainError('Could not check nullifiers on chain.', { cause })
  }
  return spent
}
