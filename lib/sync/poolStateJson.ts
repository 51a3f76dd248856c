import { type Address, getAddress, type Hex, isAddress } from 'viem'
import { TreeMismatchError } from '../errors.js'
import { MerkleTree } from '../merkleTree.js'
import type { OwnedNote, PoolState } from './poolState.js'

/** A {@link PoolState} as JSON (version 1): field elements as hex, block numbers as decimal strings. */
export type PoolStateJson = {
  version: 1
  pool: Address
  syncedBlock: string
  leaves: Hex[]
  nullifiers: Hex[]
  notes: {
    commitment: Hex
    leafIndex: number
    amount: string
    blinding: Hex
    memo: string
    nullifier: Hex
    spent: boolean
    txHash: Hex
    blockNumber: string
    spentTxHash?: Hex
    spentBlockNumber?: string
  }[]
}

const hex = (value: bigint): Hex => `0x${value.toString(16)}`

/** The state as a JSON-safe object, to cache a sync (`JSON.stringify` it). */
export function serializePoolState(state: PoolState): PoolStateJson {
  return {
    version: 1,
    pool: state.pool,
    syncedBlock: state.syncedBlock.toString(),
    leaves: state.tree.leaves.map(hex),
    nullifiers: [...state.nullifiers].map(hex),
    notes: state.notes.map((n) => ({
      commitment: hex(n.commitment),
      leafIndex: n.leafIndex,
      amount: n.amount.toString(),
      blinding: hex(n.blinding),
      memo: n.memo,
      nullifier: hex(n.nullifier),
      spent: n.spent,
      txHash: n.txHash,
      blockNumber: n.blockNumber.toString(),
      ...(n.spentTxHash ? { spentTxHash: n.spentTxHash } : {}),
      ...(n.spentBlockNumber !== undefined
        ? { spentBlockNumber: n.spentBlockNumber.toString() }
        : {}),
    })),
  }
}

/**
 * Rebuilds a state from {@link serializePoolState}'s output (the tree is
 * rehashed from its leaves). A malformed cache throws a
 * {@link TreeMismatchError}: drop it and sync from the deployment block. The
 * root is not checked here; the next `syncPool` compares it with the pool's.
 */
export function deserializePoolState(json: unknown): PoolState {
  try {
    const s = json as PoolStateJson
    if (s?.version !== 1 || !isAddress(s.pool, { strict: false })) throw new Error('header')
    const big = (v: unknown) => {
      if (typeof v !== 'string' || !/^(0x[0-9a-f]+|\d+)$/.test(v)) throw new Error(String(v))
      return BigInt(v)
    }
    const notes: OwnedNote[] = s.notes.map((n) => {
      if (typeof n.memo !== 'string' || typeof n.spent !== 'boolean') throw new Error('note')
      if (!Number.isSafeInteger(n.leafIndex) || !/^0x[0-9a-f]{64}$/.test(n.txHash))
        throw new Error('note')
      return {
        commitment: big(n.commitment),
        leafIndex: n.leafIndex,
        amount: big(n.amount),
        blinding: big(n.blinding),
        memo: n.memo,
        nullifier: big(n.nullifier),
        spent: n.spent,
        txHash: n.txHash,
        blockNumber: big(n.blockNumber),
        ...(n.spentTxHash ? { spentTxHash: n.spentTxHash } : {}),
        ...(n.spentBlockNumber !== undefined ? { spentBlockNumber: big(n.spentBlockNumber) } : {}),
      }
    })
    return {
      pool: getAddress(s.pool),
      tree: new MerkleTree(s.leaves.map(big)),
      notes,
      nullifiers: new Set(s.nullifiers.map(big)),
      syncedBlock: big(s.syncedBlock),
    }
  } catch (cause) {
    throw new TreeMismatchError('The cached pool state is malformed.', { cause })
  }
}
