import type { Address, Hex } from 'viem'

/**
 * What a payer hands the recipient: where the payment's output is on chain
 * and the disclosure `(amount, blinding)` that opens its commitment
 * `C = H4(amount, P_recipient, blinding, rho)`; `rho` comes from the transaction's first nullifier on chain.
 */
export type Receipt = {
  version: 2
  chainId: number
  pool: Address
  txHash: Hex
  blockNumber: bigint
  commitment: bigint
  leafIndex: number
  amount: bigint
  blinding: bigint
  memo?: string
}

/** JSON-safe form: bigints as decimal strings. */
export function serializeReceipt(receipt: Receipt): string {
  return JSON.stringify(receipt, (_, v) => (typeof v === 'bigint' ? v.toString() : v))
}
