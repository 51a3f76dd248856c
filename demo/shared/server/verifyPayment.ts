import { BaseError } from '../../../lib/errors.js'
import { parseReceipt } from '../../../lib/receipt/parseReceipt.js'
import type { Receipt } from '../../../lib/receipt/receipt.js'
import { verifyReceipt } from '../../../lib/receipt/verifyReceipt.js'
import type { DemoChain } from './connectChain.js'
import { DemoError } from './errors.js'

export type VerifyPaymentParameters = {
  chain: DemoChain
  /** The receipt as the page sent it (the JSON of `serializeReceipt`). */
  receipt: unknown
  /** The site's own shielded address: the only recipient it accepts. */
  address: string
}

export type VerifiedPayment = {
  receipt: Receipt
  /** The commitment as a decimal string: what a site records to refuse a second use. */
  commitmentKey: string
  confirmations: bigint
}

/**
 * Reads a receipt and checks it against the chain with `verifyReceipt`: a
 * payment of `receipt.amount` to `address` in the demo's pool, in a block.
 * Throws `invalid_receipt` with the reason. Whether the receipt was used
 * before is the caller's to check, at the moment it records it.
 */
export async function verifyPayment({
  chain,
  receipt: input,
  address,
}: VerifyPaymentParameters): Promise<VerifiedPayment> {
  let receipt: Receipt
  try {
    receipt = parseReceipt(input)
    const { confirmations } = await verifyReceipt({
      publicClient: chain.publicClient,
      receipt,
      address,
      pool: chain.deployment.pool,
    })
    return { receipt, commitmentKey: receipt.commitment.toString(), confirmations }
  } catch (error) {
    if (error instanceof BaseError && error.code === 'invalid_receipt')
      throw new DemoError('invalid_receipt', error.shortMessage, { cause: error })
    throw error
  }
}
