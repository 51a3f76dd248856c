import type { Address, PublicClient } from 'viem'
import { parseReceipt } from '../receipt/parseReceipt.js'
import { verifyReceipt } from '../receipt/verifyReceipt.js'

export type VerifyPaymentParameters = {
  publicClient: PublicClient
  /** The receipt as the wallet gave it to the page (its JSON, as an object or a string). */
  receipt: unknown
  /** Your own shielded address: the only recipient you accept. */
  address: string
  /** The pool you accept payments in (required: a look-alike contract would do otherwise). */
  pool: Address
  /** Blocks on top of the payment's, its own included. Default 1. */
  minConfirmations?: bigint
}

/**
 * The merchant's check of a receipt (on its server, with its own RPC):
 * `lib/receipt`'s `verifyReceipt` on the parsed receipt. Resolves with the
 * amount paid and the commitment to record (a receipt pays once: refuse a
 * commitment you have accepted before). Throws `InvalidReceiptError`.
 */
export async function verifyPayment(params: VerifyPaymentParameters) {
  const receipt = parseReceipt(params.receipt)
  const checked = await verifyReceipt({
    publicClient: params.publicClient,
    receipt,
    address: params.address,
    pool: params.pool,
    ...(params.minConfirmations !== undefined ? { minConfirmations: params.minConfirmations } : {}),
  })
  return { ...checked, receipt, commitment: receipt.commitment.toString() }
}
