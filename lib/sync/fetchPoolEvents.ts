import type { Address, Hex, PublicClient } from 'viem'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { ChainError } from '../errors.js'
import type { ExtData } from '../transaction/extData.js'
import { readBlockRanges } from './readBlockRanges.js'

/** One pool transaction as its `Transaction` event tells it. */
export type TransactionEvent = {
  /** Global index of the first output; the second is at `index + 1`. */
  index: number
  commitments: [bigint, bigint]
  nullifiers: bigint[]
  extData: ExtData
  blockNumber: bigint
  txHash: Hex
}

export type FetchPoolEventsParameters = {
  publicClient: PublicClient
  pool: Address
  fromBlock: bigint
  toBlock: bigint
  /**
   * At most this many blocks per log query (default 50,000). Ranges also
   * shrink when the node refuses one and grow while answers are small
   * (`readBlockRanges`).
   */
  chunkSize?: bigint
  onProgress?: (progress: { fromBlock: bigint; toBlock: bigint; doneBlock: bigint }) => void
}

/** The pool's transactions in a block range, in leaf order. */
export async function fetchPoolEvents(
  params: FetchPoolEventsParameters,
): Promise<TransactionEvent[]> {
  const { publicClient, pool, fromBlock, toBlock } = params
  let transactions: TransactionEvent[]
  try {
    transactions = await readBlockRanges({
      fromBlock,
      toBlock,
      ...(params.chunkSize ? { maxSpan: params.chunkSize } : {}),
      read: async (start, end) => {
        const logs = await publicClient.getContractEvents({
          address: pool,
          abi: shieldedPoolAbi,
          eventName: 'Transaction',
          fromBlock: start,
          toBlock: end,
          strict: true,
        })
        return logs.map((log) => ({
          index: Number(log.args.index),
          commitments: [log.args.commitments[0], log.args.commitments[1]] as [bigint, bigint],
          nullifiers: [...log.args.nullifiers],
          extData: { ...log.args.extData },
          blockNumber: log.blockNumber,
          txHash: log.transactionHash,
        }))
      },
      onProgress: (doneBlock) => params.onProgress?.({ fromBlock, toBlock, doneBlock }),
    })
  } catch (cause) {
    throw new ChainError('Could not read the pool events.', { cause })
  }
  transactions.sort((a, b) => a.index - b.index)
  return transactions
}
