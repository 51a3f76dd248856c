import type { Address, Hex } from 'viem'
import { TreeMismatchError } from '../lib/errors.js'
import { createPoolState, type OwnedNote, type PoolState } from '../lib/sync/poolState.js'
import { deserializeTree, serializeTree } from '../lib/sync/treeSnapshotJson.js'
import type { NoteRow, SyncCursorRow, WalletDb } from './db.js'

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
 * A pool's `PoolState` from the database: the tree from its snapshot (no
 * hashing: the upper levels and the batches of the wallet's notes are
 * stored), the notes, and the nullifiers of the spent ones (all `syncPool`
 * needs). A tree that is missing, malformed or not the one the cursor saved
 * throws a `TreeMismatchError`: reset the pool and sync it again.
 */
export async function loadPoolState(
  db: WalletDb,
  pool: Address,
  deployBlock: bigint,
  epochLevels: number,
): Promise<PoolState> {
  const [cursor, treeRow, rows] = await Promise.all([
    db.syncCursors.get(pool),
    db.trees.get(pool),
    db.notes.where('[pool+commitment]').between([pool, ''], [pool, '\uffff']).toArray(),
  ])
  if (!cursor) {
    if (treeRow || rows.length > 0)
      throw new TreeMismatchError('A stored tree or notes without a sync cursor.')
    return createPoolState(pool, deployBlock, epochLevels)
  }
  if (!treeRow) throw new TreeMismatchError('The pool is synced but its tree is not stored.')
  const tree = deserializeTree(treeRow.tree)
  if (
    tree.epochLevels !== epochLevels ||
    tree.size !== cursor.leafCount ||
    tree.latestBatchRoot.toString() !== cursor.root
  )
    throw new TreeMismatchError('The stored tree does not match its saved root.')
  const notes = rows.map(noteFromRow).sort((a, b) => a.leafIndex - b.leafIndex)
  for (const note of notes)
    if (tree.leaf(note.leafIndex) !== note.commitment)
      throw new TreeMismatchError(
        `The stored tree does not hold the note at leaf ${note.leafIndex}.`,
      )
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
 * Saves what one `syncPool` step changed, in one transaction: the tree's
 * snapshot (when it grew), notes received (kept as they
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
  await db.transaction('rw', [db.trees, db.notes, db.syncCursors], async () => {
    const cursor = await db.syncCursors.get(pool)
    // The snapshot changes only with new leaves (kept batches follow the notes, which come with leaves).
    if (!cursor || cursor.leafCount !== tree.size || !(await db.trees.get(pool)))
      await db.trees.put({ pool, tree: serializeTree(tree) })
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
      leafCount: tree.size,
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
  await db.transaction('rw', [db.leaves, db.trees, db.notes, db.syncCursors], async () => {
    await db.trees.delete(pool)
    await db.leaves.where('[pool+chunk]').between([pool, 0], [pool, Infinity]).delete()
    await db.notes.where('[pool+commitment]').between([pool, ''], [pool, '\uffff']).delete()
    await db.syncCursors.delete(pool)
  })
}
