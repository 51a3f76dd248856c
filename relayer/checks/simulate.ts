import type { Address } from 'viem'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { RelayError } from '../../lib/errors.js'
import { toChainError } from '../../lib/pool/submitTransaction.js'
import type { PoolProof } from '../../lib/pool/transactArgs.js'
import type { ExtData } from '../../lib/transaction/extData.js'
import type { RelayerContext } from '../context.js'

/**
 * Runs `transact` from the relayer's account against the latest state and
 * returns its gas. A revert is `reverted` naming the pool's custom error.
 */
export async function simulateTransact(
  context: Pick<RelayerContext, 'publicClient' | 'account'>,
  pool: Address,
  proof: PoolProof,
  extData: ExtData,
): Promise<bigint> {
  try {
    return await context.publicClient.estimateContractGas({
      address: pool,
      abi: shieldedPoolAbi,
      functionName: 'transact',
      args: [proof, extData],
      account: context.account,
    })
  } catch (error) {
    const chainError = toChainError(error)
    if (chainError.reason)
      throw new RelayError('reverted', `The pool would revert: ${chainError.reason}.`, {
        cause: error,
      })
    throw new RelayError(
      'relay_failed',
      `The relayer could not simulate the transaction: ${chainError.shortMessage}`,
      {
        cause: error,
      },
    )
  }
}
