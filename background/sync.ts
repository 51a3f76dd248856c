import type { Address, PublicClient } from 'viem'
import { formatAmount } from '../lib/amount.js'
import { PaymentInProgressError, TreeMismatchError } from '../lib/errors.js'
import type { ViewKeys } from '../lib/keys.js'
import { createNoteScanner, type NoteScanner } from '../lib/noteScanner.js'
import type { OwnedNote, PoolState, SentRecord } from '../lib/sync/poolState.js'
import { syncPool } from '../lib/sync/syncPool.js'
import type { ActivityStore } from './activityStore.js'
import type { Broadcast } from './broadcast.js'
import type { ChainClients } from './chainClients.js'
import type { PoolDeployment } from './config.js'
import type { WalletDb } from './db.js'
import { errorMessage } from './errors.js'
import type { SyncStatus } from './messages.js'
import { loadPoolState, resetPool, savePoolState, yieldToEventLoop } from './poolStore.js'
import { settleLateSpends } from './settleLateSpends.js'
import { getTokenInfo } from './tokenInfo.js'

export type Notify = (notification: { id: string; title: string; message: string }) => void

export type CreateSyncServiceParameters = {
  db: WalletDb
  keystore: { viewKeys(): ViewKeys; isUnlocked(): boolean }
  deployments: readonly PoolDeployment[]
  clients: () => Promise<ChainClients>
  activities: ActivityStore
  broadcast: Broadcast
  notify: Notify
  /** Blocks per `syncPool` step; the worker answers messages between steps. */
  windowBlocks?: bigint
  pause?: () => Promise<void>
  now?: () => number
}

/** More notes than this in one step make one summary notification instead of one each. */
const NOTIFY_EACH = 3

/**
 * Keeps each pool's `PoolState` in memory (loaded from the database once)
 * and brings it up to the chain's head: in windows of blocks, saving and
 * yielding after each, broadcasting `sync.progress`. New notes that no
 * payment of ours created become `receive` activity and a notification.
 * A reset chain (the block hash at the cursor changed) or a tree that
 * disagrees with the pool drops the pool's data and syncs it again.
 */
export function createSyncService(params: CreateSyncServiceParameters) {
  const { db, keystore, deployments, activities, broadcast } = params
  const windowBlocks = params.windowBlocks ?? 5_000n
  const pause = params.pause ?? yieldToEventLoop
  const now = params.now ?? Date.now
  const states = new Map<Address, Promise<PoolState>>()
  let scanner: { keys: ViewKeys; scanner: Promise<NoteScanner> } | undefined
  let status: SyncStatus = { state: 'idle', syncedBlock: '0' }
  /** Kept in every status from then on, so the popup can say so. */
  let rebuilt: SyncStatus['rebuilt']
  let running: Promise<SyncStatus> | undefined
  let queued: Promise<SyncStatus> | undefined

  function setStatus(next: SyncStatus) {
    status = rebuilt ? { ...next, rebuilt } : next
    broadcast({ event: 'sync.progress', data: { ...status } })
  }

  function poolState(deployment: PoolDeployment): Promise<PoolState> {
    let state = states.get(deployment.pool)
    if (!state) {
      const { pool, blockNumber, epochLevels } = deployment
      state = loadPoolState(db, pool, blockNumber, epochLevels).catch(async (error) => {
        if (!(error instanceof TreeMismatchError)) throw error
        await resetPool(db, pool)
        return loadPoolState(db, pool, blockNumber, epochLevels)
      })
      state.catch(() => states.delete(pool))
      states.set(pool, state)
    }
    return state
  }

  function scannerFor(keys: ViewKeys) {
    if (scanner?.keys !== keys) scanner = { keys, scanner: createNoteScanner(keys.viewingKey) }
    return scanner.scanner
  }

  async function chainWasReset(pool: Address, publicClient: PublicClient, head: bigint) {
    const cursor = await db.syncCursors.get(pool)
    if (!cursor) return false
    const synced = BigInt(cursor.syncedBlock)
    if (synced > head) return true
    if (!cursor.syncedBlockHash || synced < 0n) return false
    const block = await publicClient.getBlock({ blockNumber: synced })
    return block.hash !== cursor.syncedBlockHash
  }

  /** The block time of a note or record in ms, else now (a chain that gave none). */
  const timeOf = (x: { blockTime?: number }) =>
    x.blockTime !== undefined ? x.blockTime * 1000 : now()

  /**
   * This wallet's own transactions read back from their history records: after a
   * restore from the phrase the database has no row for them, so they are added,
   * with the block's time; a payment this worker made already has its row.
   */
  async function recordSent(deployment: PoolDeployment, sent: readonly SentRecord[]) {
    if (sent.length === 0) return
    const { publicClient } = await params.clients()
    const { symbol, decimals } = await getTokenInfo(db, publicClient, deployment.token)
    for (const entry of sent) {
      const known = await db.activity.filter((a) => a.txHash === entry.txHash).count()
      if (known > 0) continue
      const { record } = entry
      // As a payment made here records it: the recipient of a send or an unshield.
      const counterparty =
        record.kind === 'pay' || record.kind === 'unshield' ? record.to : undefined
      await activities.add({
        id: `sent-${entry.txHash}`,
        kind: record.kind === 'pay' ? 'send' : record.kind,
        status: 'settled',
        amount: record.amount.toString(),
        ...(entry.fee > 0n ? { fee: entry.fee.toString() } : {}),
        symbol,
        decimals,
        ...(counterparty ? { counterparty } : {}),
        ...(record.memo ? { memo: record.memo } : {}),
        txHash: entry.txHash,
        createdAt: timeOf(entry),
        updatedAt: timeOf(entry),
        pool: deployment.pool,
      })
    }
  }

  async function recordReceived(
    deployment: PoolDeployment,
    notes: OwnedNote[],
    notify: boolean,
    ownTxs: ReadonlySet<string>,
  ) {
    const { publicClient } = await params.clients()
    const { symbol, decimals } = await getTokenInfo(db, publicClient, deployment.token)
    const fresh: OwnedNote[] = []
    for (const note of notes) {
      if (note.amount === 0n) continue
      // Change and shields of our own transactions are not payments received.
      if (ownTxs.has(note.txHash)) continue
      const commitment = note.commitment.toString()
      // Our own change and shields: a payment of ours listed the commitment.
      if ((await db.activity.where('outputCommitments').equals(commitment).count()) > 0) continue
      const id = `receive-${commitment}`
      if (await db.activity.get(id)) continue
      await activities.add({
        id,
        kind: 'receive',
        status: 'settled',
        amount: note.amount.toString(),
        symbol,
        decimals,
        ...(note.memo ? { memo: note.memo } : {}),
        txHash: note.txHash,
        createdAt: timeOf(note),
        updatedAt: timeOf(note),
        pool: deployment.pool,
      })
      fresh.push(note)
    }
    if (!notify || fresh.length === 0) return
    if (fresh.length <= NOTIFY_EACH) {
      for (const note of fresh)
        params.notify({
          id: `receive-${note.commitment}`,
          title: `Received ${formatAmount(note.amount, decimals)} ${symbol}`,
          // Never the memo: sender-written text under the wallet's name is a phishing channel.
          message: 'A private payment arrived. Open zkpay to see it.',
        })
    } else {
      const total = fresh.reduce((sum, n) => sum + n.amount, 0n)
      params.notify({
        id: `receive-${fresh[0]!.commitment}`,
        title: `Received ${fresh.length} payments`,
        message: `${formatAmount(total, decimals)} ${symbol} in all.`,
      })
    }
  }

  async function syncOne(
    deployment: PoolDeployment,
    keys: ViewKeys,
    publicClient: PublicClient,
    head: bigint,
    onProgress: (fraction: number) => void,
  ) {
    const { pool } = deployment
    for (let attempt = 0; ; attempt++) {
      try {
        if (await chainWasReset(pool, publicClient, head))
          throw new TreeMismatchError('The chain was reset.', { details: 'reset' })
        const state = await poolState(deployment)
        const start = state.syncedBlock
        const notify = start >= deployment.blockNumber
        while (state.syncedBlock < head) {
          const to =
            state.syncedBlock + windowBlocks < head ? state.syncedBlock + windowBlocks : head
          const birthday = (await db.keystore.get('main'))?.birthdayBlock
          const result = await syncPool({
            publicClient,
            state,
            keys,
            scanner: await scannerFor(keys),
            toBlock: to,
            ...(birthday ? { birthdayBlock: BigInt(birthday) } : {}),
          })
          const block = await publicClient.getBlock({ blockNumber: to })
          await savePoolState(db, state, result, block.hash).catch((error) => {
            states.delete(pool) // memory is ahead of the database: reload next time
            throw error
          })
          await recordSent(deployment, result.sent)
          const ownTxs = new Set<string>(result.sent.map((r) => r.txHash))
          await recordReceived(deployment, result.received, notify, ownTxs)
          await settleLateSpends(db, activities, result.spent)
          onProgress(Number(to - start) / Number(head - start))
          await pause()
        }
        return
      } catch (error) {
        if (!(error instanceof TreeMismatchError) || attempt > 0) throw error
        states.delete(pool)
        await resetPool(db, pool)
        rebuilt = { at: now(), reason: error.details === 'reset' ? 'reset' : 'mismatch' }
      }
    }
  }

  async function syncAll(): Promise<SyncStatus> {
    if (!keystore.isUnlocked()) return status
    const keys = keystore.viewKeys()
    setStatus({ state: 'syncing', syncedBlock: status.syncedBlock, progress: 0 })
    try {
      const { publicClient } = await params.clients()
      const head = await publicClient.getBlockNumber({ cacheTime: 0 })
      for (const [i, deployment] of deployments.entries()) {
        await syncOne(deployment, keys, publicClient, head, (fraction) =>
          setStatus({
            state: 'syncing',
            syncedBlock: status.syncedBlock,
            progress: (i + fraction) / deployments.length,
          }),
        )
      }
      setStatus({ state: 'idle', syncedBlock: head.toString() })
    } catch (error) {
      setStatus({ state: 'error', syncedBlock: status.syncedBlock, error: errorMessage(error) })
    }
    return { ...status }
  }

  /**
   * Syncs every pool. A call while a sync runs waits for it and then syncs
   * once more (calls in between share that one), so the caller sees the
   * chain as it was when it called. Never throws: errors land in the status.
   */
  function run(): Promise<SyncStatus> {
    if (!running) {
      running = syncAll().finally(() => {
        running = undefined
      })
      return running
    }
    queued ??= running.then(() => {
      queued = undefined
      return run()
    })
    return queued
  }

  return {
    run,
    status: (): SyncStatus => ({ ...status }),
    /** A pool's state as last synced (loaded from the database on first use). */
    poolState,
    /**
     * Rescan from scratch: drops every pool's tree, notes and cursor and syncs
     * again from the deployment. Refused while a payment holds notes (its
     * reservation would be lost).
     */
    async rescan(): Promise<SyncStatus> {
      const busy =
        (await db.pendingWork.count()) > 0 ||
        (await db.notes.filter((n) => n.status === 'pending').count()) > 0
      if (busy) throw new PaymentInProgressError()
      await running?.catch(() => undefined)
      for (const { pool } of deployments) {
        states.delete(pool)
        await resetPool(db, pool)
      }
      return run()
    },
    /** Drops what is in memory (on lock, or another wallet). */
    forget(): void {
      states.clear()
      rebuilt = undefined
      scanner = undefined
    },
  }
}

export type SyncService = ReturnType<typeof createSyncService>
