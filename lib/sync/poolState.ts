import type { Address, Hex } from 'viem'
import { MerkleTree } from '../merkleTree.js'

/** A note this wallet owns, found on chain. */
export type OwnedNote = {
  commitment: bigint
  leafIndex: number
  amount: bigint
  blinding: bigint
  memo: string
  nullifier: bigint
  spent: boolean
  /** The transaction that created the note. */
  txHash: Hex
  blockNumber: bigint
  /** The transaction that spent it, once seen (notes cached before this field lack it). */
  spentTxHash?: Hex
  spentBlockNumber?: bigint
}

/** What a wallet knows about one pool: the whole tree, its notes, spent nullifiers, how far it synced. */
export type PoolState = {
  pool: Address
  tree: MerkleTree
  notes: OwnedNote[]
  nullifiers: Set<bigint>
  /** Last block whose events are applied; the next sync starts after it. */
  syncedBlock: bigint
}

/** Empty state for a pool deployed at `deployBlock`. */
export function createPoolState(pool: Address, deployBlock: bigint): PoolState {
  return {
    pool,
    tree: new MerkleTree(),
    notes: [],
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
