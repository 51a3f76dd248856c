/**
 * The wallet database's schema history, import-free so that a test can open
 * any earlier version. Each entry is one Dexie version: the stores it adds or
 * re-indexes (stores it does not name are kept as they are) and an optional
 * `upgrade` that rewrites rows in place. A migration may never delete a store
 * or wipe one: `applyMigrations` refuses it, and tests open an older database
 * with data in it and check every row is still there afterwards.
 *
 * Indexes only: rows hold more fields than their indexes (see `db.ts`).
 */
import type { Dexie, Transaction } from 'dexie'

export type Migration = {
  version: number
  /** Dexie store specs: primary key first, then indexes. */
  stores: Record<string, string>
  upgrade?: (tx: Transaction) => PromiseLike<unknown> | undefined
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    stores: {
      // One row, id 'main': the mnemonic sealed under the password.
      keystore: 'id',
      notes: '[pool+commitment], [pool+status], pendingActivityId',
      // Commitments in insertion order, LEAF_CHUNK per row.
      leaves: '[pool+chunk]',
      syncCursors: 'pool',
      activity: 'id, createdAt, *outputCommitments, *nullifiers',
      settings: 'key',
      pendingWork: 'activityId',
    },
  },
  {
    version: 2,
    stores: {
      // Sites the user connected: origin, granted address, allowances.
      sites: 'origin',
      // Requests from sites, from arrival to answer (a restart loses none).
      siteRequests: 'id, origin, status, createdAt',
    },
  },
  {
    version: 3,
    stores: {
      // A pool's tree as its snapshot (upper levels and the batches of the
      // wallet's notes), one row per pool: loading it hashes nothing. The
      // version-1 \`leaves\` rows are no longer read; a pool that has only
      // those resyncs once (see poolStore.loadPoolState).
      trees: 'pool',
    },
  },
]

/** Declares every version on `db`, in order; throws on a migration that would drop a store. */
export function applyMigrations(db: Dexie, list: readonly Migration[] = migrations): void {
  let previous = 0
  for (const migration of list) {
    if (!Number.isInteger(migration.version) || migration.version <= previous)
      throw new Error(`Migration versions must increase: ${migration.version} after ${previous}.`)
    previous = migration.version
    for (const [store, spec] of Object.entries(migration.stores))
      if (typeof spec !== 'string')
        throw new Error(`Migration ${migration.version} would delete the store "${store}".`)
    const version = db.version(migration.version).stores(migration.stores)
    if (migration.upgrade) version.upgrade(migration.upgrade)
  }
}
