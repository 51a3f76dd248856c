import { Dexie, type Table } from 'dexie'
import type { Address, Hex } from 'viem'
import type { KeystoreBlob } from '../lib/keystore/keystore.js'
import type { ProviderErrorJson } from '../lib/provider/providerErrors.js'
import type { TreeSnapshotJson } from '../lib/sync/treeSnapshotJson.js'
import { applyMigrations, type Migration, migrations } from './dbSchema.js'
import type { Activity, ActivityKind } from './messages.js'

// Rows of the wallet database. Bigints are decimal strings (IndexedDB keys
// and structured clones of strings sort and survive everywhere).

/** The mnemonic sealed under the password (`lib/keystore`); the only row has id 'main'. */
export type KeystoreRow = {
  id: 'main'
  blob: KeystoreBlob
  createdAt: number
  /** A new wallet's birthday (decimal block): sync does not trial-decrypt before it. */
  birthdayBlock?: string
}

export type NoteStatus = 'unspent' | 'pending' | 'spent'

/** A note this wallet owns. `pending`: reserved by the payment `pendingActivityId`. */
export type NoteRow = {
  pool: Address
  commitment: string
  leafIndex: number
  amount: string
  blinding: string
  /** `rho`, what makes the commitment unique (protocol v2). */
  rho: string
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

/** Version 1: leaves `chunk * 4096 ..` of a pool's tree, in order. */
export type LeafChunkRow = { pool: Address; chunk: number; leaves: string[] }

/** A pool's tree as {@link TreeSnapshotJson} (protocol v2 tree, kept batches only). */
export type TreeRow = { pool: Address; tree: TreeSnapshotJson }

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
  /** The failure's stable code (a site is answered with it). */
  errorCode?: string
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

export type AllowancePeriod = 'hour' | 'day' | 'week' | 'month'

/** What a site may tip without asking, per token and period. Amounts in base units. */
export type AllowanceRow = {
  pool: Address
  token: Address
  amount: string
  period: AllowancePeriod
  /** When the period that `spent` counts in began (ms); the next begins one period later. */
  periodStart: number
  /** Tipped in that period, including tips still on their way (a failed one is refunded). */
  spent: string
}

/** A site the user connected. `origin` is what the browser reported, never what the page said. */
export type SiteRow = {
  origin: string
  /** The shielded address the site was given. */
  address: string
  connectedAt: number
  allowances: AllowanceRow[]
}

export type SiteMethod = 'zkpay_connect' | 'zkpay_pay' | 'zkpay_tip' | 'zkpay_requestAllowance'

/**
 * `queued`: waits for its turn in the approval window (or, locked, for the
 * password); `approving`: its window is open; `running`: approved (or inside
 * an allowance), the payment is on its way; `done`/`failed`: answered.
 */
export type SiteRequestStatus = 'queued' | 'approving' | 'running' | 'done' | 'failed'

/** Params as the background parsed them: amounts in base units, the token's pool found. */
export type SitePaymentParams = {
  pool: Address
  token: Address
  to: string
  amount: string
  memo?: string
  prompt: boolean
}
export type SiteAllowanceParams = {
  pool: Address
  token: Address
  amount: string
  period: AllowancePeriod
}

/** A site's request from arrival to answer: what a restarted worker needs to finish it. */
export type SiteRequestRow = {
  id: string
  origin: string
  method: SiteMethod
  params?: SitePaymentParams | SiteAllowanceParams
  status: SiteRequestStatus
  /** Needs the user's yes (false: a tip inside the allowance, which only waits for an unlock). */
  needsApproval: boolean
  windowId?: number
  activityId?: string
  /** The recipient's output once the payment is built: the receipt discloses it. */
  output?: { commitment: string; amount: string; blinding: string; memo?: string }
  /** A tip counted against the allowance in the period that began then. */
  allowancePeriod?: number
  /** Why it cannot go ahead, shown in its window until the user closes it (then its answer). */
  prepError?: ProviderErrorJson
  /** The answer (JSON). */
  result?: unknown
  error?: ProviderErrorJson
  createdAt: number
  updatedAt: number
}

export class WalletDb extends Dexie {
  declare keystore: Table<KeystoreRow, string>
  declare notes: Table<NoteRow, [string, string]>
  /** Version 1's leaf chunks: no longer written; cleared with the pool. */
  declare leaves: Table<LeafChunkRow, [string, number]>
  declare trees: Table<TreeRow, string>
  declare syncCursors: Table<SyncCursorRow, string>
  declare activity: Table<ActivityRow, string>
  declare settings: Table<SettingRow, string>
  declare pendingWork: Table<PendingWorkRow, string>
  declare sites: Table<SiteRow, string>
  declare siteRequests: Table<SiteRequestRow, string>

  constructor(name = 'zkpay', list: readonly Migration[] = migrations) {
    super(name)
    applyMigrations(this, list)
  }
}
