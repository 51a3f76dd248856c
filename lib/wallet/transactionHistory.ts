import type { Address, Hex } from 'viem'
import type { ShieldedAddress } from '../address.js'
import type { PoolState } from '../sync/poolState.js'

/** One transaction of a wallet, in words: what it did, with whom, for how much. */
export type HistoryEntry = {
  kind: 'pay' | 'receive' | 'shield' | 'unshield' | 'merge'
  txHash: Hex
  blockNumber: bigint
  /** Unix seconds of the block. */
  blockTime?: number
  /** Base units moved: paid, received, shielded, unshielded or merged into one note. */
  amount: bigint
  /** The relayer's fee this wallet paid (0 for what it received or shielded). */
  fee: bigint
  /** The other side: a shielded address (pay) or a public account (shield, unshield). */
  counterparty?: ShieldedAddress | Address
  memo: string
}

/**
 * The wallet's history from its pool state alone, so it is the same after a
 * restore from the phrase or a watch from the full viewing key: its own
 * transactions from their history records, and every other transaction that
 * brought it a note as a receipt. Oldest first.
 */
export function transactionHistory(state: PoolState): HistoryEntry[] {
  const entries: HistoryEntry[] = []
  const own = new Set<Hex>()
  for (const sent of state.sent) {
    own.add(sent.txHash)
    const { record } = sent
    entries.push({
      kind: record.kind,
      txHash: sent.txHash,
      blockNumber: sent.blockNumber,
      ...(sent.blockTime !== undefined ? { blockTime: sent.blockTime } : {}),
      amount: record.amount,
      fee: sent.fee,
      ...(record.kind === 'pay' || record.kind === 'unshield'
        ? { counterparty: record.to }
        : record.kind === 'shield'
          ? { counterparty: record.from }
          : {}),
      memo: record.memo,
    })
  }
  const received = new Map<Hex, HistoryEntry>()
  for (const note of state.notes) {
    if (note.amount === 0n || own.has(note.txHash)) continue
    const entry = received.get(note.txHash)
    if (entry) {
      entry.amount += note.amount
      if (!entry.memo) entry.memo = note.memo
      continue
    }
    received.set(note.txHash, {
      kind: 'receive',
      txHash: note.txHash,
      blockNumber: note.blockNumber,
      ...(note.blockTime !== undefined ? { blockTime: note.blockTime } : {}),
      amount: note.amount,
      fee: 0n,
      memo: note.memo,
    })
  }
  entries.push(...received.values())
  return entries.sort((a, b) =>
    a.blockNumber < b.blockNumber ? -1 : a.blockNumber > b.blockNumber ? 1 : 0,
  )
}
