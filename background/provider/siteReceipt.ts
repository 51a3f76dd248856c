import type { Hex, PublicClient } from 'viem'
import { decodeAddress } from '../../lib/address.js'
import { InvalidReceiptError } from '../../lib/errors.js'
import { createReceipt } from '../../lib/receipt/createReceipt.js'
import { serializeReceipt } from '../../lib/receipt/receipt.js'
import type { PreparedTransaction } from '../../lib/transaction/buildTransaction.js'
import type { SitePaymentParams, SiteRequestRow } from '../db.js'

/** The output of `prepared` that pays the site's recipient: what its receipt discloses. */
export function recipientOutput(
  prepared: PreparedTransaction,
  params: SitePaymentParams,
): NonNullable<SiteRequestRow['output']> {
  const { ownerKey } = decodeAddress(params.to)
  const output = prepared.outputs.find(
    (o) => o.ownerKey === ownerKey && o.amount === BigInt(params.amount),
  )
  if (!output) throw new InvalidReceiptError('The payment has no output for the recipient.')
  return {
    commitment: output.commitment.toString(),
    amount: output.amount.toString(),
    blinding: output.blinding.toString(),
    ...(output.memo ? { memo: output.memo } : {}),
  }
}

/** The receipt (docs/provider.md, as JSON) of a settled site payment. */
export async function siteReceipt(params: {
  publicClient: PublicClient
  chainId: number
  row: SiteRequestRow
  txHash: Hex
}): Promise<unknown> {
  const { row, txHash } = params
  const output = row.output
  const pool = row.params?.pool
  if (!output || !pool) throw new InvalidReceiptError('The payment left no output to disclose.')
  const tx = await params.publicClient.getTransactionReceipt({ hash: txHash })
  const receipt = createReceipt({
    chainId: params.chainId,
    pool,
    txHash,
    blockNumber: tx.blockNumber,
    logs: tx.logs,
    output: {
      commitment: BigInt(output.commitment),
      amount: BigInt(output.amount),
      blinding: BigInt(output.blinding),
      ...(output.memo ? { memo: output.memo } : {}),
    },
  })
  return JSON.parse(serializeReceipt(receipt))
}
