import { type Address, getAddress, type Hex, isAddress } from 'viem'
import { PoolTree } from '../epochTree.js'
import { TreeMismatchError } from '../errors.js'
import type { HistoryRecord } from '../historyRecord.js'
import type { OwnedNote, PoolState, SentRecord } from './poolState.js'
import { deserializeTree, serializeTree, type TreeSnapshotJson } from './treeSnapshotJson.js'

type Json<T> = {
  [K in keyof T]: T[K] extends bigint
    ? string
    : T[K] extends bigint | undefined
      ? string | undefined
      : T[K]
}

/**
 * A {@link PoolState} as JSON (version 3): field elements as hex, other
 * integers as decimal strings. The tree is its snapshot (upper levels and the
 * batches of the wallet's notes), so loading it hashes nothing. Version 2
 * (every leaf) is still read, and rehashed.
 */
export type PoolStateJson = {
  version: 3
  pool: Address
  syncedBlock: string
  tree: TreeSnapshotJson
  nullifiers: Hex[]
  notes: Json<OwnedNote>[]
  sent: (Omit<Json<SentRecord>, 'record'> & { record: Json<HistoryRecord> })[]
}

/** Version 2: the tree as every leaf. */
type LegacyPoolStateJson = Omit<PoolStateJson, 'version' | 'tree'> & {
  version: 2
  epochLevels: number
  leaves: Hex[]
}

const hex = (value: bigint): Hex => `0x${value.toString(16)}`

/** The state as a JSON-safe object, to cache a sync (`JSON.stringify` it). */
export function serializePoolState(state: PoolState): PoolStateJson {
  return {
    version: 3,
    pool: state.pool,
    syncedBlock: state.syncedBlock.toString(),
    tree: serializeTree(state.tree),
    nullifiers: [...state.nullifiers].map(hex),
    notes: state.notes.map(
      (n): Json<OwnedNote> => ({
        ...n,
        commitment: hex(n.commitment),
        amount: n.amount.toString(),
        blinding: hex(n.blinding),
        rho: hex(n.rho),
        nullifier: hex(n.nullifier),
        blockNumber: n.blockNumber.toString(),
        spentBlockNumber: n.spentBlockNumber?.toString(),
      }),
    ),
    sent: state.sent.map((s) => ({
      ...s,
      blockNumber: s.blockNumber.toString(),
      fee: s.fee.toString(),
      record: { ...s.record, amount: s.record.amount.toString() } as Json<HistoryRecord>,
    })),
  }
}

/**
 * Rebuilds a state from {@link serializePoolState}'s output (a version-2
 * cache's tree is rehashed from its leaves). A malformed cache throws a
 * {@link TreeMismatchError}: drop it and sync from the deployment block. The
 * roots are not checked here; the next `syncPool` compares them with the pool's.
 */
export function deserializePoolState(json: unknown): PoolState {
  try {
    const s = json as PoolStateJson | LegacyPoolStateJson
    if ((s?.version !== 3 && s?.version !== 2) || !isAddress(s.pool, { strict: false }))
      throw new Error('header')
    const big = (v: unknown) => {
      if (typeof v !== 'string' || !/^(0x[0-9a-f]+|\d+)$/.test(v)) throw new Error(String(v))
      return BigInt(v)
    }
    const txHash = (v: unknown): Hex => {
      if (typeof v !== 'string' || !/^0x[0-9a-f]{64}$/.test(v)) throw new Error('tx hash')
      return v as Hex
    }
    const notes: OwnedNote[] = s.notes.map((n) => {
      if (typeof n.memo !== 'string' || typeof n.spent !== 'boolean') throw new Error('note')
      if (!Number.isSafeInteger(n.leafIndex)) throw new Error('note')
      return {
        commitment: big(n.commitment),
        leafIndex: n.leafIndex,
        amount: big(n.amount),
        blinding: big(n.blinding),
        rho: big(n.rho),
        memo: n.memo,
        nullifier: big(n.nullifier),
        spent: n.spent,
        txHash: txHash(n.txHash),
        blockNumber: big(n.blockNumber),
        ...(typeof n.blockTime === 'number' ? { blockTime: n.blockTime } : {}),
        ...(n.spentTxHash ? { spentTxHash: txHash(n.spentTxHash) } : {}),
        ...(n.spentBlockNumber !== undefined ? { spentBlockNumber: big(n.spentBlockNumber) } : {}),
      }
    })
    const sent: SentRecord[] = s.sent.map((r) => {
      const kind = r.record.kind
      if (!['pay', 'shield', 'unshield', 'merge'].includes(kind)) throw new Error('record')
      return {
        txHash: txHash(r.txHash),
        blockNumber: big(r.blockNumber),
        ...(typeof r.blockTime === 'number' ? { blockTime: r.blockTime } : {}),
        fee: big(r.fee),
        relayer: getAddress(r.relayer),
        record: { ...r.record, amount: big(r.record.amount) } as HistoryRecord,
      }
    })
    let tree: PoolTree
    if (s.version === 3) tree = deserializeTree(s.tree)
    else {
      tree = new PoolTree({ epochLevels: s.epochLevels, retain: 'marked' })
      for (const note of notes) tree.keep(note.leafIndex)
      const leaves = s.leaves.map(big)
      if (leaves.length % 2 !== 0) throw new Error('leaves')
      const pairs: [bigint, bigint][] = []
      for (let i = 0; i < leaves.length; i += 2) pairs.push([leaves[i]!, leaves[i + 1]!])
      tree.insertPairs(pairs)
    }
    for (const note of notes) if (note.leafIndex >= tree.size) throw new Error('note index')
    return {
      pool: getAddress(s.pool),
      tree,
      notes,
      sent,
      nullifiers: new Set(s.nullifiers.map(big)),
      syncedBlock: big(s.syncedBlock),
    }
  } catch (cause) {
    throw new TreeMismatchError('The cached pool state is malformed.', { cause })
  }
}
