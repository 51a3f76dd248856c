import type { Address, Hex } from 'viem'
import { PoolTree } from '../lib/epochTree.js'
import { TreeMismatchError } from '../lib/errors.js'
import type { OwnedNote, PoolState } from '../lib/sync/poolState.js'
import { LEAF_CHUNK, type NoteRow, type SyncCursorRow, type WalletDb } from './db.js'

/** Waits for the event loop, so that messages get answered between chunks of work. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export function noteFromRow(row: NoteRow): OwnedNote {
  return {
    commitment: BigInt(row.commitment),
    leafIndex: row.leafIndex,
    amount: BigInt(row.amount),
    blinding: BigInt(row.blinding),
    rho: BigInt(row.rho),
    memo: row.memo,
    nullifier: BigInt(row.nullifier),
    spent: row.status === 'spent',
    txHash: row.txHash,
    blockNumber: BigInt(row.blockNumber),
    ...(row.spentTxHash ? { spentTxHash: row.spentTxHash } : {}),
  }
}

export function rowFromNote(pool: Address, note: OwnedNote): NoteRow {
  return {
    pool,
    commitment: note.commitment.toString(),
    leafIndex: note.leafIndex,
    amount: note.amount.toString(),
    blinding: note.blinding.toString(),
    rho: note.rho.toString(),
    nullifier: note.nullifier.toString(),
    status: note.spent ? 'spent' : 'unspent',
    memo: note.memo,
    txHash: note.txHash,
    blockNumber: note.blockNumber.toString(),
    ...(note.spentTxHash ? { spentTxHash: note.spentTxHash } : {}),
  }
}

/**
 * Rebuilds a pool's `PoolState` from the database: the tree from its leaf
 * chunks (inserted chunk by chunk, yielding between them, since hashing a
 * large tree takes a while), the notes, and the nullifiers of the spent
 * ones (all `syncPool` needs). A tree whose root is not the one saved
 * throws a `TreeMismatchError`: reset the pool and sync it again.
 */
export async function loadPoolState(
  db: WalletDb,
  pool: Address,
  deployBlock: bigint,
  epochLevels: number,
  pause: () => Promise<void> = yieldToEventLoop,
): Promise<PoolState> {
  const [cursor, chunks, rows] = await Promise.all([
    db.syncCursors.get(pool),
    db.leaves.where('[pool+chunk]').between([pool, 0], [pool, Infinity]).toArray(),
    db.notes.where('[pool+commitment]').between([pool, ''], [pool, '\uffff']).toArray(),
  ])
  const tree = new PoolTree({ epochLevels })
  for (const [i, chunk] of chunks.entries()) {
    if (chunk.chunk !== i) throw new TreeMismatchError('A chunk of stored leaves is missing.')
    const leaves = chunk.leaves.map(BigInt)
    const pairs: [bigint, bigint][] = []
    for (let j = 0; j + 1 < leaves.length; j += 2) pairs.push([leaves[j]!, leaves[j + 1]!])
    tree.insertPairs(pairs)
    await pause()
  }
  if (!cursor) {
    if (tree.size > 0 || rows.length > 0)
      throw new TreeMismatchError('Stored leaves or notes without a sync cursor.')
    return { pool, tree, notes: [], sent: [], nullifiers: new Set(), syncedBlock: deployBlock - 1n }
  }
  if (tree.size !== cursor.leafCount || tree.latestBatchRoot.toString() !== cursor.root)
    throw new TreeMismatchError('The stored tree does not match its saved root.')
  const notes = rows.map(noteFromRow).sort((a, b) => a.leafIndex - b.leafIndex)
  return {
    pool,
    tree,
    notes,
    sent: [],
    nullifiers: new Set(notes.filter((n) => n.spent).map((n) => n.nullifier)),
    syncedBlock: BigInt(cursor.syncedBlock),
  }
}

export type SyncChange = { received: readonly OwnedNote[]; spent: readonly OwnedNote[] }

/**
 * Saves what one `syncPool` step changed, in one transaction: the new leaves
 * (appended to the last chunk, then new chunks), notes received (kept as they
 * are if already stored, so a reservation survives) and spent (whatever their
 * status was), and the cursor.
 */
export async function savePoolState(
  db: WalletDb,
  state: PoolState,
  change: SyncChange,
  syncedBlockHash?: Hex,
): Promise<void> {
  const { pool, tree } = state
  await db.transaction('rw', [db.leaves, db.notes, db.syncCursors], async () => {
    const cursor = await db.syncCursors.get(pool)
    const from = cursor?.leafCount ?? 0
    const leaves = tree.leaves
    for (let start = from; start < leaves.length; ) {
      const chunk = Math.floor(start / LEAF_CHUNK)
      const end = Math.min((chunk + 1) * LEAF_CHUNK, leaves.length)
      const row = (await db.leaves.get([pool, chunk])) ?? { pool, chunk, leaves: [] }
      row.leaves = row.leaves.slice(0, start - chunk * LEAF_CHUNK)
      for (let i = start; i < end; i++) row.leaves.push(leaves[i]!.toString())
      await db.leaves.put(row)
      start = end
    }
    for (const note of change.received) {
      const key: [string, string] = [pool, note.commitment.toString()]
      if (!(await db.notes.get(key))) await db.notes.put(rowFromNote(pool, note))
    }
    for (const note of change.spent) {
      const key: [string, string] = [pool, note.commitment.toString()]
      const row = (await db.notes.get(key)) ?? rowFromNote(pool, note)
      delete row.pendingActivityId
      await db.notes.put({
        ...row,
        status: 'spent',
        ...(note.spentTxHash ? { spentTxHash: note.spentTxHash } : {}),
      })
    }
    const next: SyncCursorRow = {
      pool,
      syncedBlock: state.syncedBlock.toString(),
      leafCount: leaves.length,
      root: tree.latestBatchRoot.toString(),
      ...(syncedBlockHash ? { syncedBlockHash } : {}),
    }
    await db.syncCursors.put(next)
  })
}

/**
 * Forgets a pool's tree, cursor and notes (a reset chain, a corrupt store):
 * everything comes back from the chain on the next sync. Notes reserved by a
 * payment in progress go too; that payment then fails.
 */
export async function resetPool(db: WalletDb, pool: Address): Promise<void> {
  await db.transaction('rw', [db.leaves, db.notes, db.syncCursors], async () => {
    await db.leaves.where('[pool+chunk]').between([pool, 0], [pool, Infinity]).delete()
    await db.notes.where('[pool+commitment]').between([pool, ''], [pool, '\uffff']).delete()
    await db.syncCursors.delete(pool)
  })
}
