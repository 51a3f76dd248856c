import {
  type Account,
  type Address,
  type Chain,
  ContractFunctionRevertedError,
  type Hex,
  type PublicClient,
  type Transport,
  BaseError as ViemBaseError,
  type WalletClient,
} from 'viem'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { ChainError } from '../errors.js'
import type { ExtData } from '../transaction/extData.js'
import type { PoolProof } from './transactArgs.js'

export type SubmitTransactionParameters = {
  publicClient: PublicClient
  walletClient: WalletClient<Transport, Chain | undefined, Account>
  pool: Address
  proof: PoolProof
  extData: ExtData
  /** EIP-2612 permit for a shield, instead of a prior approval. */
  permit?: { deadline: bigint; v: number; r: Hex; s: Hex }
  /** Told the hash as soon as the transaction is sent, before waiting for it (to record it). */
  onSent?: (txHash: Hex) => Promise<void> | void
}

export type SubmitTransactionReturnType = { txHash: Hex; blockNumber: bigint; gasUsed: bigint }

/**
 * Simulates, then sends `transact` (or `transactWithPermit`) from the wallet
 * client's account, and waits for inclusion. A revert becomes a ChainError
 * whose details name the pool's custom error.
 */
export async function submitTransaction(
  params: SubmitTransactionParameters,
): Promise<SubmitTransactionReturnType> {
  const { publicClient, walletClient, pool, proof, extData, permit } = params
  try {
    const { request } = permit
      ? await publicClient.simulateContract({
          address: pool,
          abi: shieldedPoolAbi,
          functionName: 'transactWithPermit',
          args: [proof, extData, permit],
          account: walletClient.account,
        })
      : await publicClient.simulateContract({
          address: pool,
          abi: shieldedPoolAbi,
          functionName: 'transact',
          args: [proof, extData],
          account: walletClient.account,
        })
    const txHash = await walletClient.writeContract(request as never)
    await params.onSent?.(txHash)
    const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash })
    if (receipt.status !== 'success')
      throw new ChainError('The pool transaction reverted.', { details: txHash })
    return { txHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }
  } catch (error) {
    throw toChainError(error)
  }
}

/** Names the pool's custom error when a call reverted, so callers can match on it. */
export function toChainError(error: unknown): ChainError {
  if (error instanceof ChainError) return error
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError)
    if (revert instanceof ContractFunctionRevertedError) {
      const name = revert.data?.errorName ?? revert.reason ?? 'unknown'
      return new ChainError(`The pool refused the transaction: ${name}.`, {
        reason: name,
        cause: error,
      })
    }
    return new ChainError(error.shortMessage, { cause: error })
  }
  return new ChainError('The chain request failed.', { cause: error })
}
