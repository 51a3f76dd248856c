import type { Address, Hex, PublicClient } from 'viem'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { ChainError } from '../errors.js'
import type { ExtData } from '../transaction/extData.js'

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
  /** Blocks per log query; public RPCs often cap a range. */
  chunkSize?: bigint
  onProgress?: (progress: { fromBlock: bigint; toBlock: bigint; doneBlock: bigint }) => void
}

/** The pool's transactions in a block range, in leaf order. */
export async function fetchPoolEvents(
  params: FetchPoolEventsParameters,
): Promise<TransactionEvent[]> {
  const { publicClient, pool, fromBlock, toBlock } = params
  const chunk = params.chunkSize ?? 10_000n
  const transactions: TransactionEvent[] = []
  try {
    for (let start = fromBlock; start <= toBlock; start += chunk) {
      const end = start + chunk - 1n < toBlock ? start + chunk - 1n : toBlock
      const logs = await publicClient.getContractEvents({
        address: pool,
        abi: shieldedPoolAbi,
        eventName: 'Transaction',
        fromBlock: start,
        toBlock: end,
        strict: true,
      })
      for (const log of logs)
        transactions.push({
          index: Number(log.args.index),
          commitments: [log.args.commitments[0], log.args.commitments[1]],
          nullifiers: [...log.args.nullifiers],
          extData: { ...log.args.extData },
          blockNumber: log.blockNumber,
          txHash: log.transactionHash,
        })
      params.onProgress?.({ fromBlock, toBlock, doneBlock: end })
    }
  } catch (cause) {
    throw new ChainError('Could not read the pool events.', { cause })
  }
  transactions.sort((a, b) => a.index - b.index)
  return transactions
}
