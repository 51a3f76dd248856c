import { type Address, decodeEventLog, isAddressEqual, type PublicClient } from 'viem'
import { decodeAddress } from '../address.js'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { InvalidReceiptError } from '../errors.js'
import { commitment, outputRho } from '../note.js'
import type { Receipt } from './receipt.js'

export type VerifyReceiptParameters = {
  publicClient: PublicClient
  receipt: Receipt
  /** The recipient's own shielded address. */
  address: string
  /**
   * The pool the recipient accepts payments in (from its deployment file).
   * Required: without it any contract emitting a look-alike event would do.
   */
  pool: Address
  /** Blocks the transaction must have on top of it, its own included. Default 1. */
  minConfirmations?: bigint
}

export type VerifyReceiptReturnType = { amount: bigint; blockNumber: bigint; confirmations: bigint }

/**
 * The merchant's check, which is settlement for the recipient: the receipt is
 * for `pool` on this chain, its transaction succeeded in the stated block with
 * at least `minConfirmations`, the pool's `Transaction` event there holds the
 * commitment at the stated leaf, and the disclosed `(amount, blinding)` with
 * that transaction's `rho` opens it for the recipient's owner key.
 */
export async function verifyReceipt(
  params: VerifyReceiptParameters,
): Promise<VerifyReceiptReturnType> {
  const { publicClient, receipt } = params
  const minConfirmations = params.minConfirmations ?? 1n
  const { ownerKey } = decodeAddress(params.address)
  if (typeof params.pool !== 'string')
    throw new InvalidReceiptError('Name the pool you accept payments in.')
  if (!isAddressEqual(params.pool, receipt.pool))
    throw new InvalidReceiptError('The receipt is for another pool.')
  const chainId = await publicClient.getChainId()
  if (chainId !== receipt.chainId)
    throw new InvalidReceiptError('The receipt is for another chain.')

  const tx = await publicClient.getTransactionReceipt({ hash: receipt.txHash }).catch((cause) => {
    throw new InvalidReceiptError('The receipt names a transaction the chain does not have.', {
      cause,
    })
  })
  if (tx.status !== 'success')
    throw new InvalidReceiptError('The receipt names a failed transaction.')
  if (tx.blockNumber !== receipt.blockNumber)
    throw new InvalidReceiptError('The receipt names the wrong block.')
  let rho: bigint | undefined
  for (const log of tx.logs) {
    if (!isAddressEqual(log.address, params.pool)) continue
    try {
      const event = decodeEventLog({ abi: shieldedPoolAbi, data: log.data, topics: log.topics })
      if (event.eventName !== 'Transaction') continue
      const j = receipt.leafIndex - Number(event.args.index)
      if ((j === 0 || j === 1) && event.args.commitments[j] === receipt.commitment)
        rho = outputRho(event.args.nullifiers[0]!, j)
    } catch {
      // another event of the pool
    }
  }
  if (rho === undefined)
    throw new InvalidReceiptError('The commitment is not in that transaction at that index.')
  if (
    commitment({ amount: receipt.amount, ownerKey, blinding: receipt.blinding, rho }) !==
    receipt.commitment
  )
    throw new InvalidReceiptError(
      'The disclosed amount does not open this commitment for your address.',
    )
  const latest = await publicClient.getBlockNumber({ cacheTime: 0 })
  const confirmations = latest - tx.blockNumber + 1n
  if (confirmations < minConfirmations)
    throw new InvalidReceiptError(
      `The payment has ${confirmations} confirmation(s); ${minConfirmations} are required. Try again shortly.`,
    )
  return { amount: receipt.amount, blockNumber: tx.blockNumber, confirmations }
}
