import type { Address, Hex } from 'viem'
import { PoolTree } from '../epochTree.js'
import type { HistoryRecord } from '../historyRecord.js'

/** A note this wallet owns, found on chain. */
export type OwnedNote = {
  commitment: bigint
  leafIndex: number
  amount: bigint
  blinding: bigint
  rho: bigint
  memo: string
  nullifier: bigint
  spent: boolean
  /** The transaction that created the note. */
  txHash: Hex
  blockNumber: bigint
  /** Unix seconds of that block. */
  blockTime?: number
  /** The transaction that spent it, once seen. */
  spentTxHash?: Hex
  spentBlockNumber?: bigint
}

/** A transaction this wallet sent, read back from its history record. */
export type SentRecord = {
  txHash: Hex
  blockNumber: bigint
  /** Unix seconds of that block. */
  blockTime?: number
  record: HistoryRecord
  fee: bigint
  relayer: Address
}

/**
 * What a wallet knows about one pool: the tree (its upper levels, and the
 * batches of its own notes), its notes, the nullifiers of its spent notes,
 * how far it synced.
 */
export type PoolState = {
  pool: Address
  tree: PoolTree
  notes: OwnedNote[]
  /** What this wallet sent, oldest first. */
  sent: SentRecord[]
  /** Nullifiers of this wallet's notes seen spent. */
  nullifiers: Set<bigint>
  /** Last block whose events are applied; the next sync starts after it. */
  syncedBlock: bigint
}

/** Empty state for a pool deployed at `deployBlock` with epochs of `2^epochLevels` leaves. */
export function createPoolState(pool: Address, deployBlock: bigint, epochLevels = 20): PoolState {
  return {
    pool,
    tree: new PoolTree({ epochLevels, retain: 'marked' }),
    notes: [],
    sent: [],
    nullifiers: new Set(),
    syncedBlock: deployBlock - 1n,
  }
}

export function unspentNotes(state: PoolState): OwnedNote[] {
  return state.notes.filter((n) => !n.spent && n.amount > 0n)
}

export function shieldedBalance(state: PoolState): bigint {
  return unspentNotes(state).reduce((sum, n) => sum + n.amount, 0n)
}
