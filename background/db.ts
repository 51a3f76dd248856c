import { Dexie, type Table } from 'dexie'
import type { Address, Hex } from 'viem'
import type { KeystoreBlob } from '../lib/keystore/keystore.js'
import { applyMigrations, type Migration, migrations } from './dbSchema.js'
import type { Activity, ActivityKind } from './messages.js'

// Rows of the wallet database. Bigints are decimal strings (IndexedDB keys
// and structured clones of strings sort and survive everywhere).

/** The mnemonic sealed under the password (`lib/keystore`); the only row has id 'main'. */
export type KeystoreRow = { id: 'main'; blob: KeystoreBlob; createdAt: number }

export type NoteStatus = 'unspent' | 'pending' | 'spent'

/** A note this wallet owns. `pending`: reserved by the payment `pendingActivityId`. */
export type NoteRow = {
  pool: Address
  commitment: string
  leafIndex: number
  amount: string
  blinding: string
  nullifier: string
  status: NoteStatus
  memo: string
  /** The transaction that created the note. */
  txHash: Hex
  blockNumber: string
  pendingActivityId?: string
  /** The transaction that spent it, once known. */
  spentTxHash?: Hex
}

/** Leaves `chunk * LEAF_CHUNK ..` of a pool's tree, in order. */
export type LeafChunkRow = { pool: Address; chunk: number; leaves: string[] }

/** How far a pool is synced, and what the tree looked like there. */
export type SyncCursorRow = {
  pool: Address
  syncedBlock: string
  /** Hash of `syncedBlock`: another hash there means the chain was reset or reorganized. */
  syncedBlockHash?: Hex
  leafCount: number
  root: string
}

/**
 * An `Activity` as the popup sees it, plus what the background needs: the
 * pool, the commitments it created (its change must not count as received)
 * and the nullifiers it spends (a spend seen on chain settles it).
 */
export type ActivityRow = Activity & {
  pool?: Address
  outputCommitments?: string[]
  nullifiers?: string[]
}

export type SettingRow = { key: string; value: unknown }

export type PendingStage = 'reserved' | 'proving' | 'submitting' | 'submitted'

/** A payment in progress: what a restarted worker needs to finish it or fail it cleanly. */
export type PendingWorkRow = {
  activityId: string
  pool: Address
  kind: Exclude<ActivityKind, 'receive'>
  stage: PendingStage
  /** Commitments of the reserved input notes. */
  inputs: string[]
  /** Their nullifiers: all spent on chain means the payment went through. */
  nullifiers: string[]
  via: 'relayer' | 'direct'
  txHash?: Hex
  createdAt: number
  updatedAt: number
}

export class WalletDb extends Dexie {
  declare keystore: Table<KeystoreRow, string>
  declare notes: Table<NoteRow, [string, string]>
  declare leaves: Table<LeafChunkRow, [string, number]>
  declare syncCursors: Table<SyncCursorRow, string>
  declare activity: Table<ActivityRow, string>
  declare settings: Table<SettingRow, string>
  declare pendingWork: Table<PendingWorkRow, string>

  constructor(name = 'zkpay', list: readonly Migration[] = migrations) {
    super(name)
    applyMigrations(this, list)
  }
}

/** Leaves per `leaves` row: one put per 4096 leaves instead of one per leaf. */
export const LEAF_CHUNK = 4096
