import { BaseError } from '../../../lib/errors.js'
import type { Receipt } from '../../../lib/receipt/receipt.js'
import { verifyPayment as verifyWithSdk } from '../../../lib/sdk/verify.js'
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
 * Reads a receipt and checks it against the chain with the site SDK's
 * `verifyPayment` (lib/receipt's `verifyReceipt`): a payment of
 * `receipt.amount` to `address` in the demo's pool, with the chain's
 * `minConfirmations`. Throws `not_confirmed` when it is in a block but not
 * deep enough yet (send it again later), `invalid_receipt` with the reason
 * otherwise. Whether the receipt was used before is the caller's to check,
 * at the moment it records it.
 */
export async function verifyPayment({
  chain,
  receipt: input,
  address,
}: VerifyPaymentParameters): Promise<VerifiedPayment> {
  try {
    const checked = await verifyWithSdk({
      publicClient: chain.publicClient,
      receipt: input,
      address,
      pool: chain.deployment.pool,
      minConfirmations: chain.minConfirmations,
    })
    return {
      receipt: checked.receipt,
      commitmentKey: checked.commitment,
      confirmations: checked.confirmations,
    }
  } catch (error) {
    if (error instanceof BaseError && error.code === 'invalid_receipt')
      throw new DemoError(
        /confirmation/i.test(error.shortMessage) ? 'not_confirmed' : 'invalid_receipt',
        error.shortMessage,
        { cause: error },
      )
    throw error
  }
}
