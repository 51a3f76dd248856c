import {
  type Address,
  encodeFunctionData,
  type Hex,
  BaseError as ViemBaseError,
  WaitForTransactionReceiptTimeoutError,
} from 'viem'
import { shieldedPoolAbi } from '../lib/contracts/artifacts.js'
import { RelayError } from '../lib/errors.js'
import { toChainError } from '../lib/pool/submitTransaction.js'
import type { PoolProof } from '../lib/pool/transactArgs.js'
import type { RelayResult } from '../lib/relayer/types.js'
import type { ExtData } from '../lib/transaction/extData.js'
import type { RelayerContext } from './context.js'

export type SendTransactParameters = {
  pool: Address
  proof: PoolProof
  extData: ExtData
  /** Simulated gas; the limit adds a margin, since the tree may deepen before inclusion. */
  gas: bigint
  /** Called with the hash as soon as the node has the transaction. */
  onSent?: (txHash: Hex) => void
}

/**
 * Signs `transact` with the next nonce, broadcasts it, and waits for its
 * receipt (outside the nonce lock, so many relays wait at once). A revert in
 * the block is `reverted` with the pool's custom error; anything else the
 * chain does wrong is `relay_failed`.
 */
export async function sendTransact(
  context: RelayerContext,
  params: SendTransactParameters,
): Promise<RelayResult> {
  const { publicClient, walletClient, account, nonces, chain, config } = context
  const { pool, proof, extData } = params
  const gas = params.gas + params.gas / 4n
  let txHash: Hex
  try {
    const fees = await publicClient.estimateFeesPerGas()
    const data = encodeFunctionData({
      abi: shieldedPoolAbi,
      functionName: 'transact',
      args: [proof, extData],
    })
    txHash = await nonces.send(async (nonce) => {
      const serializedTransaction = await account.signTransaction({
        type: 'eip1559',
        chainId: chain.id,
        to: pool,
        data,
        gas,
        nonce,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      })
      return walletClient.sendRawTransaction({ serializedTransaction })
    })
  } catch (cause) {
    throw new RelayError(
      'relay_failed',
      `The relayer could not send the transaction: ${why(cause)}`,
      { cause },
    )
  }
  params.onSent?.(txHash)

  let receipt: Awaited<ReturnType<typeof publicClient.waitForTransactionReceipt>>
  try {
    receipt = await publicClient.waitForTransactionReceipt({
      hash: txHash,
      timeout: config.receiptTimeoutMs,
    })
  } catch (cause) {
    const message =
      cause instanceof WaitForTransactionReceiptTimeoutError
        ? `The transaction ${txHash} was sent but not included within ${config.receiptTimeoutMs} ms.`
        : `The transaction ${txHash} was sent but its receipt could not be read: ${why(cause)}`
    throw new RelayError('relay_failed', message, { cause })
  }
  if (receipt.status === 'reverted') {
    const reason = await revertReason(context, params, receipt.blockNumber)
    const name = reason ?? (receipt.gasUsed >= gas ? 'out of gas' : 'unknown reason')
    throw new RelayError('reverted', `The transaction ${txHash} reverted on chain: ${name}.`)
  }
  return { txHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }
}

/** Replays the call on the block's resulting state: what beat it there (a spent nullifier, a gone root) shows. */
async function revertReason(
  context: RelayerContext,
  { pool, proof, extData }: SendTransactParameters,
  blockNumber: bigint,
): Promise<string | undefined> {
  try {
    await context.publicClient.simulateContract({
      address: pool,
      abi: shieldedPoolAbi,
      functionName: 'transact',
      args: [proof, extData],
      account: context.account,
      blockNumber,
    })
    return undefined
  } catch (error) {
    return toChainError(error).reason
  }
}

function why(error: unknown): string {
  if (error instanceof ViemBaseError) return error.shortMessage
  return error instanceof Error ? error.message : String(error)
}
