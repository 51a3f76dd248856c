import { decodeEventLog, type PublicClient } from 'viem'
import { decodeAddress } from '../address.js'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { InvalidReceiptError } from '../errors.js'
import { commitment } from '../note.js'
import type { Receipt } from './receipt.js'

export type VerifyReceiptParameters = {
  publicClient: PublicClient
  receipt: Receipt
  /** The recipient's own shielded address. */
  address: string
  /** The pool the recipient accepts payments in. */
  pool?: `0x${string}`
}

export type VerifyReceiptReturnType = { amount: bigint; blockNumber: bigint; confirmations: bigint }

/**
 * The merchant's check, which is settlement for the recipient: the disclosed
 * `(amount, blinding)` opens a commitment to the recipient's owner key, and
 * that commitment is on chain at the stated leaf index, in the stated
 * transaction and block of the stated pool, which succeeded.
 */
export async function verifyReceipt(
  params: VerifyReceiptParameters,
): Promise<VerifyReceiptReturnType> {
  const { publicClient, receipt } = params
  const { ownerKey } = decodeAddress(params.address)
  if (params.pool && params.pool.toLowerCase() !== receipt.pool.toLowerCase())
    throw new InvalidReceiptError('The receipt is for another pool.')
  const chainId = await publicClient.getChainId()
  if (chainId !== receipt.chainId)
    throw new InvalidReceiptError('The receipt is for another chain.')
  if (
    commitment({ amount: receipt.amount, ownerKey, blinding: receipt.blinding }) !==
    receipt.commitment
  )
    throw new InvalidReceiptError(
      'The disclosed amount does not open this commitment for your address.',
    )

  const tx = await publicClient.getTransactionReceipt({ hash: receipt.txHash }).catch((cause) => {
    throw new InvalidReceiptError('The receipt names a transaction the chain does not have.', {
      cause,
    })
  })
  if (tx.status !== 'success')
    throw new InvalidReceiptError('The receipt names a failed transaction.')
  if (tx.blockNumber !== receipt.blockNumber)
    throw new InvalidReceiptError('The receipt names the wrong block.')
  const found = tx.logs.some((log) => {
    if (log.address.toLowerCase() !== receipt.pool.toLowerCase()) return false
    try {
      const event = decodeEventLog({ abi: shieldedPoolAbi, data: log.data, topics: log.topics })
      return (
        event.eventName === 'NewCommitment' &&
        event.args.commitment === receipt.commitment &&
        Number(event.args.index) === receipt.leafIndex
      )
    } catch {
      return false
    }
  })
  if (!found)
    throw new InvalidReceiptError('The commitment is not in that transaction at that index.')
  const latest = await publicClient.getBlockNumber({ cacheTime: 0 })
  return {
    amount: receipt.amount,
    blockNumber: tx.blockNumber,
    confirmations: latest - tx.blockNumber + 1n,
  }
}
