import { type Address, decodeEventLog, type Hex, type Log } from 'viem'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { InvalidReceiptError } from '../errors.js'
import type { CreatedOutput } from '../transaction/buildTransaction.js'
import type { Receipt } from './receipt.js'

export type CreateReceiptParameters = {
  chainId: number
  pool: Address
  txHash: Hex
  blockNumber: bigint
  /** The transaction's logs, to find the output's leaf index. */
  logs: readonly Log[]
  output: Pick<CreatedOutput, 'commitment' | 'amount' | 'blinding' | 'memo'>
}

/** The receipt for one output of a settled transaction. */
export function createReceipt(params: CreateReceiptParameters): Receipt {
  const { output } = params
  for (const log of params.logs) {
    if (log.address.toLowerCase() !== params.pool.toLowerCase()) continue
    try {
      const event = decodeEventLog({ abi: shieldedPoolAbi, data: log.data, topics: log.topics })
      if (event.eventName !== 'Transaction') continue
      const j = event.args.commitments.indexOf(output.commitment)
      if (j >= 0)
        return {
          version: 2,
          chainId: params.chainId,
          pool: params.pool,
          txHash: params.txHash,
          blockNumber: params.blockNumber,
          commitment: output.commitment,
          leafIndex: Number(event.args.index) + j,
          amount: output.amount,
          blinding: output.blinding,
          ...(output.memo ? { memo: output.memo } : {}),
        }
    } catch {
      // another event of the pool
    }
  }
  throw new InvalidReceiptError('The transaction did not create this output.')
}
