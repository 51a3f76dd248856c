import type { Address, Hex } from 'viem'
import type { NoteRow, WalletDb } from './db.js'

/** The notes a pool can spend now: unspent, not reserved, not zero. */
export async function spendableNotes(db: WalletDb, pool: Address): Promise<NoteRow[]> {
  const rows = await db.notes.where('[pool+status]').equals([pool, 'unspent']).toArray()
  return rows.filter((row) => BigInt(row.amount) > 0n)
}

/**
 * Picks notes and reserves them for `activityId` in one transaction, so two
 * payments never pick the same note; `also` writes the payment's other rows
 * in the same transaction (only Dexie calls may run inside it).
 */
export async function reserveNotes<choice extends { notes: NoteRow[] }>(
  db: WalletDb,
  params: {
    pool: Address
    activityId: string
    choose: (spendable: NoteRow[]) => choice
    also: (choice: choice) => Promise<unknown>
  },
): Promise<choice> {
  return db.transaction('rw', [db.notes, db.activity, db.pendingWork], async () => {
    const spendable = await spendableNotes(db, params.pool)
    const choice = params.choose(spendable)
    for (const note of choice.notes)
      await db.notes.put({ ...note, status: 'pending', pendingActivityId: params.activityId })
    await params.also(choice)
    return choice
  })
}

/** Notes still reserved by `activityId` (sync takes away any it sees spent). */
export function reservedNotes(db: WalletDb, activityId: string): Promise<NoteRow[]> {
  return db.notes.where('pendingActivityId').equals(activityId).toArray()
}

/** Gives reserved notes back (all of `activityId`'s, or only those in `commitments`). */
export async function releaseNotes(
  db: WalletDb,
  activityId: string,
  commitments?: readonly string[],
): Promise<void> {
  await db.transaction('rw', db.notes, async () => {
    for (const row of await reservedNotes(db, activityId)) {
      if (commitments && !commitments.includes(row.commitment)) continue
      if (row.status !== 'pending') continue
      const { pendingActivityId: _, ...rest } = row
      await db.notes.put({ ...rest, status: 'unspent' })
    }
  })
}

/** The payment is in a block: its reserved notes are spent. */
export async function spendNotes(db: WalletDb, activityId: string, txHash?: Hex): Promise<void> {
  await db.transaction('rw', db.notes, async () => {
    for (const row of await reservedNotes(db, activityId)) {
      const { pendingActivityId: _, ...rest } = row
      await db.notes.put({ ...rest, status: 'spent', ...(txHash ? { spentTxHash: txHash } : {}) })
    }
  })
}
