import type { Address, Hex, PublicClient } from 'viem'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { ChainError } from '../errors.js'

export type CommitmentEvent = {
  commitment: bigint
  index: number
  encryptedOutput: Hex
  blockNumber: bigint
  txHash: Hex
}

export type NullifierEvent = { nullifier: bigint; blockNumber: bigint; txHash: Hex }

export type FetchPoolEventsParameters = {
  publicClient: PublicClient
  pool: Address
  fromBlock: bigint
  toBlock: bigint
  /** Blocks per log query; public RPCs often cap a range. */
  chunkSize?: bigint
  onProgress?: (progress: { fromBlock: bigint; toBlock: bigint; doneBlock: bigint }) => void
}

/** The pool's commitment and nullifier events in a block range, in chain order. */
export async function fetchPoolEvents(params: FetchPoolEventsParameters) {
  const { publicClient, pool, fromBlock, toBlock } = params
  const chunk = params.chunkSize ?? 10_000n
  const commitments: CommitmentEvent[] = []
  const nullifiers: NullifierEvent[] = []
  try {
    for (let start = fromBlock; start <= toBlock; start += chunk) {
      const end = start + chunk - 1n < toBlock ? start + chunk - 1n : toBlock
      const [newCommitments, newNullifiers] = await Promise.all([
        publicClient.getContractEvents({
          address: pool,
          abi: shieldedPoolAbi,
          eventName: 'NewCommitment',
          fromBlock: start,
          toBlock: end,
          strict: true,
        }),
        publicClient.getContractEvents({
          address: pool,
          abi: shieldedPoolAbi,
          eventName: 'NewNullifier',
          fromBlock: start,
          toBlock: end,
          strict: true,
        }),
      ])
      for (const log of newCommitments)
        commitments.push({
          commitment: log.args.commitment,
          index: Number(log.args.index),
          encryptedOutput: log.args.encryptedOutput,
          blockNumber: log.blockNumber,
          txHash: log.transactionHash,
        })
      for (const log of newNullifiers)
        nullifiers.push({
          nullifier: log.args.nullifier,
          blockNumber: log.blockNumber,
          txHash: log.transactionHash,
        })
      params.onProgress?.({ fromBlock, toBlock, doneBlock: end })
    }
  } catch (cause) {
    throw new ChainError('Could not read the pool events.', { cause })
  }
  commitments.sort((a, b) => a.index - b.index)
  return { commitments, nullifiers }
}
