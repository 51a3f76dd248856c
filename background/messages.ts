/**
 * The typed map of messages between the extension's pages (popup, approval)
 * and the background service worker. Every request is `{ type, data }` and
 * every answer `{ ok: true, data } | { ok: false, error }` with a serialized
 * error (a stable `code` and a readable `message`, never a stack or a secret).
 *
 * Amounts cross as decimal strings of base units (bigints do not survive
 * structured cloning through `runtime.sendMessage`).
 */

import type { SiteWarning } from '../lib/siteSafety.js'

/**
 * The port an open popup or approval window holds: while it is connected the
 * background syncs every new block (the page pings on it to keep the worker up).
 */
export const WATCH_PORT = 'zkpay-watch'

export type TokenBalance = {
  pool: `0x${string}`
  token: `0x${string}`
  symbol: string
  decimals: number
  /** Spendable shielded balance, base units. */
  shielded: string
  /** Notes sent but not yet settled, base units. */
  pending: string
  /** The public account's balance of this token, base units. */
  public: string
  /** How many unspent notes (the popup offers a merge past a few). */
  notes: number
}

export type SyncStatus = {
  state: 'idle' | 'syncing' | 'error'
  /** Last synced block, decimal string. */
  syncedBlock: string
  /** While syncing: 0..1. */
  progress?: number
  error?: string
  /**
   * The last time this worker threw its copy of a pool away and read it again
   * from the chain: the chain was reset (a new local chain, a reorg past the
   * synced block) or the copy did not reach a root the pool knows.
   */
  rebuilt?: { at: number; reason: 'reset' | 'mismatch' }
}

export type WalletState = {
  /** A keystore exists. */
  hasWallet: boolean
  locked: boolean
  /** While unlocked: a watched wallet (a viewing key) that sees but cannot spend. */
  viewOnly?: boolean
  /** Shielded address, only while unlocked. */
  address?: string
  /** The public account, only while unlocked (a watched wallet has none). */
  publicAddress?: `0x${string}`
  /** Public ETH for gas, wei, decimal string. */
  publicEth?: string
  balances?: TokenBalance[]
  sync?: SyncStatus
  settings: Settings
}

export type Settings = {
  rpcUrl: string
  /** Tried in order when `rpcUrl` fails or times out (viem's fallback transport). */
  backupRpcUrls?: string[]
  /**
   * Relayers to send through: the healthy one with the lowest fee is used,
   * the next on a refusal (never the public account by itself).
   */
  relayerUrls: string[]
  /** Submit through a relayer (default) or from the public account. */
  useRelayer: boolean
  autoLockMinutes: number
  /** What sites' tips may cost without a window, and the smallest tip (docs/provider.md). */
  tipLimits?: TipLimits
  /** The extension's colours: the system's (default), or always light or dark. */
  theme?: ThemeChoice
  /** The contact book: names for shielded addresses (lib/contacts.ts), sorted by name. */
  contacts?: { name: string; address: string }[]
}

export type ThemeChoice = 'system' | 'light' | 'dark'

/**
 * Bounds on sites' tips. Amounts are base units by token address (lower
 * case); a token not listed gets the default of its decimals.
 */
export type TipLimits = {
  /** A tip is paid without a window only if its fee is at most this percent of the tip... */
  feePercent: number
  /** ...or at most this, when more (default: 0.001 of a token); never more than the tip itself. */
  feeFloor: Record<string, string>
  /** Tips below this are refused with -32602 (default: 0.001 of a token). */
  minTip: Record<string, string>
}

export type ActivityKind = 'shield' | 'send' | 'receive' | 'unshield' | 'merge'
export type ActivityStatus = 'proving' | 'submitting' | 'pending' | 'settled' | 'failed'

export type Activity = {
  id: string
  kind: ActivityKind
  status: ActivityStatus
  /** Base units, decimal string. */
  amount: string
  fee?: string
  symbol: string
  decimals: number
  /** Shielded or 0x address of the other side, when known. */
  counterparty?: string
  memo?: string
  txHash?: `0x${string}`
  error?: string
  /** The site that asked for this payment (its origin), if one did. */
  site?: string
  /** How many of the wallet's notes it spent, once chosen (a merge says "Merged 8 notes"). */
  inputs?: number
  /** When the wallet saw it settle (ms); a restored or received entry's `createdAt` is its block's time. */
  settledAt?: number
  createdAt: number
  updatedAt: number
}

export type ProofProgress = {
  /** `ready`: proved, waiting for the user's approval (site payments). */
  stage: 'loading' | 'witness' | 'proving' | 'ready' | 'submitting' | 'done'
  activityId: string
}

export type AllowancePeriod = 'hour' | 'day' | 'week' | 'month'

/** A site's tip allowance for one token, as the popup shows it (amounts in base units). */
export type AllowanceView = {
  token: `0x${string}`
  symbol: string
  decimals: number
  amount: string
  spent: string
  period: AllowancePeriod
  resetsAt: number
}

/** A connected site. */
export type SiteView = {
  origin: string
  connectedAt: number
  allowances: AllowanceView[]
}

export type SiteMethod = 'zkpay_connect' | 'zkpay_pay' | 'zkpay_tip' | 'zkpay_requestAllowance'

/** What the approval window shows for one site request. */
export type ApprovalView = {
  id: string
  origin: string
  method: SiteMethod
  /** `approving` while it waits for the user; anything else: decided. */
  status: 'queued' | 'approving' | 'running' | 'done' | 'failed'
  /** False: a tip inside the allowance that only waits for the password. */
  needsApproval: boolean
  payment?: {
    to: string
    /** Base units. */
    amount: string
    /** Base units; there once the payment has chosen its inputs (Approve waits for it). */
    fee?: string
    /** Amount + fee, base units: what leaves the wallet. */
    total?: string
    symbol: string
    decimals: number
    memo?: string
    /** A tip that does not fit in the site's allowance. */
    overAllowance: boolean
    /** A tip inside the allowance whose fee is over the ceiling of Settings' `tipLimits`. */
    feeOverCeiling?: boolean
  }
  allowance?: { amount: string; period: AllowancePeriod; symbol: string; decimals: number }
  /** The payment proving meanwhile, and how far it is. */
  proof?: { activityId: string; stage: ProofProgress['stage'] | 'waiting' }
  /** Why it cannot go ahead (say, not enough shielded balance): only Reject is left. */
  error?: string
  /** Requests waiting after this one. */
  queued: number
  /**
   * What the window warns about the site, most serious first (lib/siteSafety.ts):
   * on a phishing list (Approve then needs an extra confirmation), not https
   * (and not this computer), or never seen before.
   */
  warnings: SiteWarning[]
}

/** Requests the popup sends, and what each answers. */
export type PopupRequests = {
  'wallet.state': { data: undefined; result: WalletState }
  /** New wallet: returns the phrase once, to show and confirm; stored encrypted. */
  'wallet.create': { data: { password: string }; result: { mnemonic: string } }
  /**
   * A wallet from its phrase. Refused (`wallet_exists`) when one exists, unless
   * `replace`: then the wallet is locked and its keys, notes, history and sites
   * are deleted first (Forgot password on the lock screen). Settings stay.
   */
  'wallet.import': {
    data: { mnemonic: string; password: string; replace?: boolean }
    result: { address: string }
  }
  /** A watch-only wallet from a full viewing key (`zkpayview1…`). */
  'wallet.watch': { data: { viewingKey: string; password: string }; result: { address: string } }
  'wallet.unlock': { data: { password: string }; result: { address: string } }
  'wallet.lock': { data: undefined; result: null }
  /** Password-confirmed. */
  'wallet.revealPhrase': { data: { password: string }; result: { mnemonic: string } }
  'wallet.exportViewingKey': { data: { password: string }; result: { viewingKey: string } }
  'sync.now': { data: undefined; result: SyncStatus }
  /** Drops the synced pools and scans again from the deployment (refused during a payment). */
  'sync.rescan': { data: undefined; result: SyncStatus }
  /** Each returns at once with the activity id; progress arrives as events. */
  'tx.shield': { data: { pool: `0x${string}`; amount: string }; result: { activityId: string } }
  'tx.send': {
    data: { pool: `0x${string}`; to: string; amount: string; memo?: string }
    result: { activityId: string }
  }
  'tx.unshield': {
    data: { pool: `0x${string}`; to: `0x${string}`; amount: string }
    result: { activityId: string }
  }
  'tx.merge': { data: { pool: `0x${string}` }; result: { activityId: string } }
  /**
   * Cancels a running payment. Before it is sent: `cancelled`, its notes
   * released and its activity failed with code `cancelled`. Once sent:
   * `tracking`, since it may still land; the wallet stops waiting for the
   * relayer and watches the chain (its nullifiers), and the activity ends
   * settled or failed as usual. `ended`: it had already ended.
   */
  'tx.cancel': {
    data: { activityId: string }
    result: { status: 'cancelled' | 'tracking' | 'ended' }
  }
  /** The fee a send would pay, for the form. */
  'tx.quoteFee': {
    data: { pool: `0x${string}`; amount: string }
    result: { fee: string; circuit: string }
  }
  'activity.list': { data: undefined; result: Activity[] }
  /** `relayerUrl` (one URL) is the older form of `relayerUrls: [url]`. */
  'settings.update': { data: Partial<Settings> & { relayerUrl?: string }; result: Settings }
  /** The approval window: its request, and the user's answer. */
  'approval.get': { data: { id: string }; result: ApprovalView }
  'approval.decide': { data: { id: string; approve: boolean }; result: null }
  'sites.list': { data: undefined; result: SiteView[] }
  'sites.disconnect': { data: { origin: string }; result: null }
  'sites.revokeAllowance': { data: { origin: string; token: `0x${string}` }; result: null }
}

export type PopupRequestType = keyof PopupRequests

export type PopupMessage<T extends PopupRequestType = PopupRequestType> = {
  type: T
  data: PopupRequests[T]['data']
}

export type SerializedError = { code: string; message: string }

export type MessageResponse<T extends PopupRequestType = PopupRequestType> =
  | { ok: true; data: PopupRequests[T]['result'] }
  | { ok: false; error: SerializedError }

/** Events the background broadcasts to open extension pages. */
export type BackgroundEvent =
  | { event: 'state.changed' }
  | { event: 'sync.progress'; data: SyncStatus }
  | { event: 'activity.updated'; data: Activity }
  | { event: 'activity.removed'; data: { id: string } }
  | { event: 'proof.progress'; data: ProofProgress }
  /** A site request waiting for approval changed (the approval window refreshes). */
  | { event: 'approval.changed'; data: { id: string } }
  | { event: 'sites.changed' }
