/**
 * The typed map of messages between the extension's pages (popup, approval)
 * and the background service worker. Every request is `{ type, data }` and
 * every answer `{ ok: true, data } | { ok: false, error }` with a serialized
 * error (a stable `code` and a readable `message`, never a stack or a secret).
 *
 * Amounts cross as decimal strings of base units (bigints do not survive
 * structured cloning through `runtime.sendMessage`).
 */

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
}

export type WalletState = {
  /** A keystore exists. */
  hasWallet: boolean
  locked: boolean
  /** Shielded address, only while unlocked. */
  address?: string
  /** The public account, only while unlocked. */
  publicAddress?: `0x${string}`
  /** Public ETH for gas, wei, decimal string. */
  publicEth?: string
  balances?: TokenBalance[]
  sync?: SyncStatus
  settings: Settings
}

export type Settings = {
  rpcUrl: string
  relayerUrl: string
  /** Submit through the relayer (default) or from the public account. */
  useRelayer: boolean
  autoLockMinutes: number
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
  createdAt: number
  updatedAt: number
}

export type ProofProgress = {
  stage: 'loading' | 'witness' | 'proving' | 'submitting' | 'done'
  activityId: string
}

/** Requests the popup sends, and what each answers. */
export type PopupRequests = {
  'wallet.state': { data: undefined; result: WalletState }
  /** New wallet: returns the phrase once, to show and confirm; stored encrypted. */
  'wallet.create': { data: { password: string }; result: { mnemonic: string } }
  'wallet.import': { data: { mnemonic: string; password: string }; result: { address: string } }
  'wallet.unlock': { data: { password: string }; result: { address: string } }
  'wallet.lock': { data: undefined; result: null }
  /** Password-confirmed. */
  'wallet.revealPhrase': { data: { password: string }; result: { mnemonic: string } }
  'wallet.exportViewingKey': { data: { password: string }; result: { viewingKey: string } }
  'sync.now': { data: undefined; result: SyncStatus }
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
  /** The fee a send would pay, for the form. */
  'tx.quoteFee': {
    data: { pool: `0x${string}`; amount: string }
    result: { fee: string; circuit: string }
  }
  'activity.list': { data: undefined; result: Activity[] }
  'settings.update': { data: Partial<Settings>; result: Settings }
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
  | { event: 'proof.progress'; data: ProofProgress }
