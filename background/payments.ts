import type { Address } from 'viem'
import { decodeAddress, parseEvmAddress } from '../lib/address.js'
import { circuits } from '../lib/circuits.js'
import { testTokenAbi } from '../lib/contracts/artifacts.js'
import {
  InsufficientBalanceError,
  InvalidAmountError,
  PaymentCancelledError,
} from '../lib/errors.js'
import type { Keys } from '../lib/keys.js'
import type { Prover } from '../lib/prover/types.js'
import type { RelaySubmitter } from '../lib/relayer/createRelaySubmitter.js'
import { rankRelayers } from '../lib/relayer/rankRelayers.js'
import { circuitFee } from '../lib/relayer/relayFee.js'
import type { PoolState } from '../lib/sync/poolState.js'
import { anchorsFit } from '../lib/transaction/chooseRoots.js'
import type { ActivityStore } from './activityStore.js'
import { toActivity } from './activityStore.js'
import type { Broadcast } from './broadcast.js'
import type { ChainClients } from './chainClients.js'
import type { PoolDeployment } from './config.js'
import type { ActivityRow, NoteRow, PendingWorkRow, WalletDb } from './db.js'
import { BadRequestError } from './errors.js'
import {
  executePayment,
  type PaymentRequest,
  type RelayChoice,
  type StartedPayment,
  StopWaitingError,
} from './executePayment.js'
import type { Settings } from './messages.js'
import { reserveNotes, spendableNotes } from './paymentNotes.js'
import {
  chooseMergeInputs,
  chooseSpendInputs,
  type Fees,
  type NotesFit,
  noFees,
} from './selectInputs.js'
import type { SyncService } from './sync.js'
import { getTokenInfo } from './tokenInfo.js'

export type { PaymentRequest } from './executePayment.js'

/** For a payment a site asked for. */
export type StartOptions = {
  /** The site's origin, shown in the history. */
  site?: string
  /** Settles on the user's approval; the payment proves meanwhile (see `executePayment`). */
  approval?: Promise<void>
  onPrepared?: StartedPayment['onPrepared']
}

export type CreatePaymentsParameters = {
  db: WalletDb
  keystore: { keys(): Keys }
  sync: Pick<SyncService, 'run' | 'poolState'>
  prover: Prover
  activities: ActivityStore
  broadcast: Broadcast
  settings: { get(): Promise<Settings> }
  deployments: readonly PoolDeployment[]
  clients: () => Promise<ChainClients>
  /** The relayer client for a URL (keep one per URL: it caches the relayer's status). */
  relay: (url: string) => RelaySubmitter
  now?: () => number
  newId?: () => string
  /** See ExecutePaymentDependencies. */
  relayGraceMs?: number
  trackMs?: number
}

/**
 * Shield, send, unshield and merge. `start` checks the request, reserves the
 * input notes (status `pending`, in the same transaction as the activity
 * and pendingWork rows) and answers with the activity id at once; the
 * payment then syncs, prepares, proves (progress as `proof.progress`),
 * submits through the cheapest healthy relayer of Settings' list (the next
 * on a failure) or, only when the user turned relayers off, from the public
 * account, and ends settled (notes spent) or failed (notes back to unspent,
 * a readable error). `cancel` stops it (see the `tx.cancel` request).
 */
export function createPayments(params: CreatePaymentsParameters) {
  const { db, keystore, sync, prover, activities, broadcast } = params
  const now = params.now ?? Date.now
  const newId = params.newId ?? (() => crypto.randomUUID())
  const active = new Set<string>()
  const running = new Map<
    string,
    { controller: AbortController; sent: boolean; done: Promise<void> }
  >()

  function deploymentOf(pool: Address): PoolDeployment {
    const deployment = params.deployments.find((d) => d.pool.toLowerCase() === pool.toLowerCase())
    if (!deployment) throw new BadRequestError(`This wallet does not know the pool ${pool}.`)
    return deployment
  }

  /** The healthy relayers of the settings for this pool, cheapest first, with their fees. */
  async function relayChoices(
    settings: Settings,
    deployment: PoolDeployment,
    refresh: boolean,
  ): Promise<RelayChoice[]> {
    const ranked = await rankRelayers(settings.relayerUrls.map(params.relay), {
      chainId: deployment.chainId,
      pool: deployment.pool,
      refresh,
    })
    return ranked.map(({ submitter, status }) => {
      const fees = {} as Fees
      for (const c of circuits) fees[c.name] = circuitFee(status, c.name)
      return { relay: submitter, relayer: status.relayer, fees, quote: status.quote }
    })
  }

  async function start(
    request: PaymentRequest,
    options: StartOptions = {},
  ): Promise<{ activityId: string }> {
    const keys = keystore.keys()
    const deployment = deploymentOf(request.pool)
    const amount = request.kind === 'merge' ? 0n : BigInt(request.amount)
    if (request.kind !== 'merge' && amount <= 0n)
      throw new InvalidAmountError('The amount must be more than zero.')
    if (request.kind === 'send') decodeAddress(request.to)
    if (request.kind === 'unshield') parseEvmAddress(request.to)
    const settings = await params.settings.get()
    const { publicClient } = await params.clients()
    const { symbol, decimals } = await getTokenInfo(db, publicClient, deployment.token)
    const choices =
      request.kind !== 'shield' && settings.useRelayer
        ? await relayChoices(settings, deployment, true)
        : undefined
    const [relayed, ...fallbacks] = choices ?? []
    const fees = relayed?.fees ?? noFees

    if (request.kind === 'shield') {
      const balance = await publicClient.readContract({
        address: deployment.token,
        abi: testTokenAbi,
        functionName: 'balanceOf',
        args: [keys.account.address],
      })
      if (balance < amount)
        throw new InsufficientBalanceError(`Not enough ${symbol} in the public account.`)
    }

    const id = newId()
    const created = now()
    const activity = (fee: bigint, total: bigint): ActivityRow => ({
      id,
      kind: request.kind,
      status: 'proving',
      amount: total.toString(),
      ...(fee > 0n ? { fee: fee.toString() } : {}),
      symbol,
      decimals,
      ...('to' in request ? { counterparty: request.to } : {}),
      ...(request.kind === 'send' && request.memo ? { memo: request.memo } : {}),
      ...(options.site ? { site: options.site } : {}),
      createdAt: created,
      updatedAt: created,
      pool: deployment.pool,
    })
    const work = (inputs: NoteRow[]): PendingWorkRow => ({
      activityId: id,
      pool: deployment.pool,
      kind: request.kind,
      stage: 'reserved',
      inputs: inputs.map((n) => n.commitment),
      nullifiers: [],
      via: relayed ? 'relayer' : 'direct',
      createdAt: created,
      updatedAt: created,
    })
    const big = (rows: NoteRow[]) => rows.map((row) => ({ row, amount: BigInt(row.amount) }))
    const fits = notesFit(request.kind === 'shield' ? undefined : await sync.poolState(deployment))
    const choice = await reserveNotes(db, {
      pool: deployment.pool,
      activityId: id,
      choose: (spendable) => {
        if (request.kind === 'shield') return { notes: [], fee: 0n, total: amount }
        if (request.kind === 'merge') {
          const c = chooseMergeInputs(big(spendable), fees, fits)
          const total = c.notes.reduce((sum, n) => sum + n.amount, 0n) - c.fee
          return { notes: c.notes.map((n) => n.row), fee: c.fee, total }
        }
        const c = chooseSpendInputs(big(spendable), amount, fees, fits)
        return { notes: c.notes.map((n) => n.row), fee: c.fee, total: amount }
      },
      also: async ({ notes, fee, total }) => {
        await db.activity.put(activity(fee, total))
        await db.pendingWork.put(work(notes))
      },
    })
    const row = await db.activity.get(id)
    if (row) broadcast({ event: 'activity.updated', data: toActivity(row) })
    broadcast({ event: 'state.changed' })

    active.add(id)
    const deps = {
      db,
      sync,
      prover,
      activities,
      broadcast,
      clients: params.clients,
      now,
      ...(params.relayGraceMs !== undefined ? { relayGraceMs: params.relayGraceMs } : {}),
      ...(params.trackMs !== undefined ? { trackMs: params.trackMs } : {}),
    }
    const controller = new AbortController()
    const entry = { controller, sent: false, done: Promise.resolve() }
    entry.done = executePayment(deps, {
      id,
      request,
      deployment,
      keys,
      fee: choice.fee,
      ...(relayed
        ? { relay: relayed.relay, relayer: relayed.relayer, quote: relayed.quote, fallbacks }
        : {}),
      ...(options.approval ? { approval: options.approval } : {}),
      ...(options.onPrepared ? { onPrepared: options.onPrepared } : {}),
      control: {
        signal: controller.signal,
        onSending: () => {
          entry.sent = true
        },
      },
    }).finally(() => {
      active.delete(id)
      running.delete(id)
    })
    running.set(id, entry)
    return { activityId: id }
  }

  return {
    start,
    /**
     * Cancels a payment. Not sent yet: it ends at once, failed with code
     * `cancelled`, its notes released (`cancelled`). Sent: it may still land,
     * so the wallet stops waiting for the relayer and watches the chain for
     * its nullifiers until it settles or is known not to have landed
     * (`tracking`). Already over: `ended`.
     */
    async cancel(activityId: string): Promise<{ status: 'cancelled' | 'tracking' | 'ended' }> {
      const entry = running.get(activityId)
      if (!entry) {
        // Another worker's payment, which resumePayments follows on this one's start.
        return { status: (await db.pendingWork.get(activityId)) ? 'tracking' : 'ended' }
      }
      if (entry.sent) {
        entry.controller.abort(new StopWaitingError())
        return { status: 'tracking' }
      }
      entry.controller.abort(new PaymentCancelledError())
      await entry.done
      return { status: 'cancelled' }
    },
    /** Payments this worker is running (a restart resumes the others). */
    isActive: (activityId: string) => active.has(activityId),
    /** The fee a send of `amount` would pay now, and its circuit. */
    async quoteFee(pool: Address, amount: string): Promise<{ fee: string; circuit: string }> {
      keystore.keys()
      const deployment = deploymentOf(pool)
      const settings = await params.settings.get()
      const fees = settings.useRelayer
        ? (await relayChoices(settings, deployment, false))[0]!.fees
        : noFees
      const notes = (await spendableNotes(db, deployment.pool)).map((row) => ({
        row,
        amount: BigInt(row.amount),
      }))
      const fits = notesFit(await sync.poolState(deployment))
      const { fee, circuit } = chooseSpendInputs(notes, BigInt(amount), fees, fits)
      return { fee: fee.toString(), circuit }
    },
  }
}

export type Payments = ReturnType<typeof createPayments>

/**
 * Whether notes can go in one proof, by their place in the pool's tree (a
 * note the tree does not hold yet fits nothing).
 */
function notesFit(state: PoolState | undefined): NotesFit<{ row: NoteRow }> {
  if (!state) return () => true
  return (notes) => {
    try {
      return anchorsFit(notes.map((n) => state.tree.anchorOf(n.row.leafIndex)))
    } catch {
      return false
    }
  }
}
