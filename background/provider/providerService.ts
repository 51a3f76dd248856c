import { type Address, toHex } from 'viem'
import { BaseError, type ErrorCode, WalletLockedError } from '../../lib/errors.js'
import {
  type ProviderErrorJson,
  ProviderRpcError,
  providerError,
  toProviderError,
} from '../../lib/provider/providerErrors.js'
import type { BridgeReply, BridgeRequest, ProviderEventName } from '../../lib/provider/wire.js'
import type { ActivityStore } from '../activityStore.js'
import type { Broadcast } from '../broadcast.js'
import type { ChainClients } from '../chainClients.js'
import type { PoolDeployment } from '../config.js'
import type { ActivityRow, SitePaymentParams, SiteRequestRow, WalletDb } from '../db.js'
import { BadRequestError } from '../errors.js'
import { UserRejectedError } from '../executePayment.js'
import type { Keystore } from '../keystore.js'
import type { Activity, ApprovalView, BackgroundEvent, SiteView } from '../messages.js'
import { discardPayment } from '../paymentOutcome.js'
import type { Payments } from '../payments.js'
import { getTokenInfo } from '../tokenInfo.js'
import { createApprovalQueue, type WindowsApi } from './approvalQueue.js'
import { createRequestStore, type RequestOutcome } from './requestStore.js'
import {
  isProviderMethod,
  type ProviderMethod,
  parseAllowanceParams,
  parseNoParams,
  parsePaymentParams,
  type TokenLookup,
} from './schemas.js'
import { recipientOutput, siteReceipt } from './siteReceipt.js'
import { createSiteStore } from './siteStore.js'
import { toAllowanceView, toSiteAllowance, toSiteView } from './siteViews.js'

export type CreateProviderServiceParameters = {
  db: WalletDb
  keystore: Pick<Keystore, 'isUnlocked' | 'address'>
  payments: Pick<Payments, 'start'>
  activities: ActivityStore
  deployments: readonly PoolDeployment[]
  clients: () => Promise<ChainClients>
  windows: WindowsApi
  broadcast: Broadcast
  /** Keeps new blocks synced while a request is open; returns the release. */
  watch?: () => () => void
  /** The approval page for a request (relative to the extension root). */
  approvalUrl?: (requestId: string) => string
  now?: () => number
}

type Reply = (reply: BridgeReply) => void

const notConnected = () =>
  new ProviderRpcError('unauthorized', 'This site is not connected: call zkpay_connect first.')

/**
 * What sites ask of the wallet (docs/provider.md): each request from a
 * content script is tied to the origin the browser reported, checked,
 * stored, queued for the approval window when it needs the user, and
 * answered once. Payments prove while their window is open; tips inside an
 * allowance skip the window. `restore` picks up what a stopped worker left.
 */
export function createProviderService(params: CreateProviderServiceParameters) {
  const { db, keystore, payments, activities, deployments, broadcast } = params
  const now = params.now ?? Date.now
  const chainId = deployments[0]?.chainId ?? 31337
  const sites = createSiteStore(db, now)
  const requests = createRequestStore(db, now)
  const ports = new Map<string, Set<Reply>>()
  /** Site payments in flight, by activity id. */
  const paying = new Map<string, string>()
  /** Requests whose payment is being started (never two for one request). */
  const starting = new Set<string>()
  const proofStage = new Map<string, NonNullable<ApprovalView['proof']>['stage']>()

  const queue = createApprovalQueue({
    requests,
    windows: params.windows,
    url: params.approvalUrl ?? ((id) => `approval.html?request=${encodeURIComponent(id)}`),
    onShown: (id) => void onShown(id),
    onChange: () => broadcast({ event: 'approval.changed', data: { id: queue.current() ?? '' } }),
  })

  async function tokenInfo(token: Address) {
    return getTokenInfo(db, (await params.clients()).publicClient, token)
  }
  const lookup: TokenLookup = async (token) => {
    const d = deployments.find((x) => x.token.toLowerCase() === token.toLowerCase())
    return d ? { pool: d.pool, decimals: (await tokenInfo(d.token)).decimals } : undefined
  }

  function emit(origin: string, event: ProviderEventName, data: unknown) {
    for (const send of ports.get(origin) ?? []) send({ type: 'event', event, data })
  }

  async function connectResult(address: string) {
    const pools = await Promise.all(
      deployments.map(async (d) => ({
        pool: d.pool,
        token: d.token,
        ...(await tokenInfo(d.token)),
      })),
    )
    return { address, chainId: toHex(chainId), pools }
  }

  async function requireSite(origin: string) {
    const site = await sites.get(origin)
    if (!site) throw notConnected()
    return site
  }

  async function allowancesOf(origin: string) {
    const rows = await sites.allowances(origin)
    return Promise.all(
      rows.map(async (a) => toSiteAllowance(toAllowanceView(a, await tokenInfo(a.token), now()))),
    )
  }

  /** Answers `row` with `error`, giving back a tip's share of the allowance first. */
  async function fail(row: SiteRequestRow, error: ProviderErrorJson) {
    const p = row.params as SitePaymentParams | undefined
    if (row.allowancePeriod !== undefined && p)
      await sites.refund(row.origin, p.token, BigInt(p.amount), row.allowancePeriod)
    if (row.activityId) paying.delete(row.activityId)
    await requests.finish(row.id, { error })
  }

  /** Methods answered at once, without storing anything. */
  async function answerNow(origin: string, method: ProviderMethod, raw: unknown) {
    switch (method) {
      case 'zkpay_chainId':
        parseNoParams(raw)
        return { result: toHex(chainId) }
      case 'zkpay_accounts': {
        parseNoParams(raw)
        const site = await sites.get(origin)
        return { result: site ? [site.address] : [] }
      }
      case 'zkpay_allowances':
        await requireSite(origin)
        parseNoParams(raw)
        return { result: await allowancesOf(origin) }
      case 'zkpay_disconnect':
        await requireSite(origin)
        parseNoParams(raw)
        await disconnectSite(origin)
        return { result: true }
      case 'zkpay_connect': {
        parseNoParams(raw)
        const site = await sites.get(origin)
        return site ? { result: await connectResult(site.address) } : undefined
      }
      default:
        return undefined
    }
  }

  /** Checks a request that may wait and stores it; tips reserve their allowance here. */
  async function createRequest(origin: string, id: string, method: ProviderMethod, raw: unknown) {
    const base = { id, origin, status: 'queued' as const, needsApproval: true }
    if (method === 'zkpay_connect') return requests.add({ ...base, method })
    await requireSite(origin)
    if (method === 'zkpay_requestAllowance')
      return requests.add({ ...base, method, params: await parseAllowanceParams(raw, lookup) })
    if (method !== 'zkpay_pay' && method !== 'zkpay_tip')
      throw new ProviderRpcError('unsupported_method', `zkpay has no method "${method}".`)
    const p = await parsePaymentParams(method, raw, lookup)
    if (method === 'zkpay_pay') return requests.add({ ...base, method, params: p })

    const period = await sites.reserve(origin, p.token, BigInt(p.amount))
    const unlocked = keystore.isUnlocked()
    const refund = () =>
      period !== undefined && sites.refund(origin, p.token, BigInt(p.amount), period)
    if (!p.prompt && period === undefined)
      throw new ProviderRpcError(
        'unauthorized',
        'This tip is more than what is left of the allowance.',
      )
    if (!p.prompt && !unlocked) {
      await refund()
      throw new ProviderRpcError('wallet_locked', 'The wallet is locked.')
    }
    try {
      return await requests.add({
        ...base,
        method,
        params: p,
        ...(period !== undefined
          ? {
              allowancePeriod: period,
              needsApproval: false,
              status: unlocked ? 'running' : 'queued',
            }
          : {}),
      })
    } catch (error) {
      await refund()
      throw error
    }
  }

  function waitForDecision(row: SiteRequestRow) {
    queue.decision(row.id).then(
      () => void onApproved(row.id),
      (error) => void onRejected(row.id, error),
    )
  }

  function begin(row: SiteRequestRow) {
    if (row.status === 'running') return void runPayment(row)
    waitForDecision(row)
    void queue.enqueue(row) // the decision handlers above take it from here
  }

  /** Starts a site's payment; with `approval`, it proves now and sends once approved. */
  async function runPayment(row: SiteRequestRow, approval?: Promise<void>) {
    if (starting.has(row.id) || row.activityId) return
    starting.add(row.id)
    const p = row.params as SitePaymentParams
    try {
      const { activityId } = await payments.start(
        {
          kind: 'send',
          pool: p.pool,
          to: p.to,
          amount: p.amount,
          ...(p.memo ? { memo: p.memo } : {}),
        },
        {
          site: row.origin,
          ...(approval ? { approval } : {}),
          onPrepared: async (prepared) =>
            void (await requests.update(row.id, { output: recipientOutput(prepared, p) })),
        },
      )
      paying.set(activityId, row.id)
      await requests.update(row.id, { activityId, ...(approval ? {} : { status: 'running' }) })
      broadcast({ event: 'approval.changed', data: { id: row.id } })
    } catch (error) {
      const e = toProviderError(error)
      if (approval && queue.has(row.id)) {
        await requests.update(row.id, { prepError: e })
        broadcast({ event: 'approval.changed', data: { id: row.id } })
      } else await fail(row, e)
    } finally {
      starting.delete(row.id)
    }
  }

  /** Its window is open: a payment starts proving (once the wallet is unlocked). */
  async function onShown(id: string) {
    const row = await requests.get(id)
    if (!row || requests.isFinal(row) || !keystore.isUnlocked()) return
    if (row.method !== 'zkpay_pay' && row.method !== 'zkpay_tip') return
    if (!row.needsApproval) return queue.decide(id, true) // a tip inside the allowance: unlocked is all it needed
    if (!row.activityId && !row.prepError) await runPayment(row, queue.decision(id))
  }

  async function onApproved(id: string) {
    const row = await requests.get(id)
    if (!row || requests.isFinal(row)) return
    try {
      if (row.method === 'zkpay_connect') {
        const address = keystore.address()
        if (!address) throw new WalletLockedError()
        await sites.connect(row.origin, address)
        const result = await connectResult(address)
        emit(row.origin, 'connect', { chainId: toHex(chainId) })
        await requests.finish(id, { result })
        broadcast({ event: 'sites.changed' })
      } else if (row.method === 'zkpay_requestAllowance') {
        const p = row.params as Exclude<SiteRequestRow['params'], SitePaymentParams | undefined>
        const site = await sites.setAllowance(row.origin, p)
        if (!site) throw notConnected()
        const granted = (await allowancesOf(row.origin)).find((a) => a.token === p.token)
        await requests.finish(id, { result: granted })
        broadcast({ event: 'sites.changed' })
      } else if (row.prepError) await fail(row, row.prepError)
      else if (row.activityId || starting.has(id)) await requests.update(id, { status: 'running' })
      else await runPayment(row)
    } catch (error) {
      await fail(row, toProviderError(error))
    }
  }

  async function onRejected(id: string, error: unknown) {
    const row = await requests.get(id)
    if (!row || requests.isFinal(row)) return
    if (error instanceof UserRejectedError)
      await fail(
        row,
        row.prepError ?? providerError('user_rejected', 'The user rejected the request.'),
      )
    else await fail(row, toProviderError(error))
  }

  /** A site payment's activity ended: the site gets its receipt, or the typed error. */
  async function onActivityEnd(activity: Activity) {
    const id = paying.get(activity.id)
    if (!id) return
    const row = await requests.get(id)
    if (!row || requests.isFinal(row)) return void paying.delete(activity.id)
    if (activity.status === 'settled' && activity.txHash) {
      paying.delete(activity.id)
      try {
        const { publicClient } = await params.clients()
        const receipt = await siteReceipt({ publicClient, chainId, row, txHash: activity.txHash })
        await requests.finish(id, { result: receipt })
        emit(row.origin, 'paymentSettled', { method: row.method, receipt })
      } catch (error) {
        await fail(row, toProviderError(error))
      }
      return
    }
    const stored = await db.activity.get(activity.id)
    const error = failureOf(stored)
    if (row.status === 'approving' && queue.has(id)) {
      paying.delete(activity.id)
      await requests.update(id, { prepError: error, activityId: undefined })
      broadcast({ event: 'approval.changed', data: { id } })
    } else await fail(row, error)
  }

  async function disconnectSite(origin: string) {
    await sites.disconnect(origin)
    // What it still had waiting for the user goes no further.
    for (const row of await requests.open())
      if (row.origin === origin && queue.has(row.id)) await queue.decide(row.id, notConnected())
    emit(origin, 'disconnect', { code: 4900, message: 'The site was disconnected from zkpay.' })
    broadcast({ event: 'sites.changed' })
  }

  return {
    /** One message from a content script of `origin`; `reply` goes back on its port. */
    async handle(origin: string, message: BridgeRequest, reply: Reply): Promise<void> {
      const respond = (outcome: RequestOutcome) =>
        reply({ type: 'response', id: message.id, ...outcome } as BridgeReply)
      try {
        if (message.type === 'resume') {
          const row = await requests.get(message.id)
          if (row && row.origin !== origin) throw notConnected()
          if (row) return void (await requests.onAnswer(row.id, respond))
        }
        const { method } = message
        if (!isProviderMethod(method))
          throw new ProviderRpcError('unsupported_method', `zkpay has no method "${method}".`)
        const now = await answerNow(origin, method, message.params)
        if (now) return respond(now)
        if (message.type === 'request' && (await requests.get(message.id)))
          throw new ProviderRpcError('invalid_params', 'This request was sent already.')
        const row = await createRequest(origin, message.id, method, message.params)
        const release = params.watch?.()
        await requests.onAnswer(row.id, (outcome) => {
          release?.()
          respond(outcome)
        })
        begin(row)
      } catch (error) {
        respond({ error: toProviderError(error) })
      }
    },
    /** A content script's port for `origin`: it hears the site's events until removed. */
    addPort(origin: string, send: Reply): () => void {
      const set = ports.get(origin) ?? new Set()
      ports.set(origin, set)
      set.add(send)
      return () => void ports.get(origin)?.delete(send)
    },
    /** Every background event, to follow site payments and their proofs. */
    onEvent(event: BackgroundEvent) {
      if (event.event === 'proof.progress' && paying.has(event.data.activityId))
        proofStage.set(event.data.activityId, event.data.stage)
      if (event.event === 'activity.updated' && ['settled', 'failed'].includes(event.data.status))
        void onActivityEnd(event.data)
    },
    onWindowRemoved: (windowId: number) => queue.onWindowRemoved(windowId),
    /** The wallet was unlocked: the open window's payment can start proving. */
    onUnlocked() {
      const id = queue.current()
      if (id) void onShown(id)
    },

    /** After a restart, before `resumePayments`: takes over the requests a stopped worker left. */
    async restore(): Promise<void> {
      await requests.prune()
      const work = new Map((await db.pendingWork.toArray()).map((w) => [w.activityId, w]))
      const waiting: SiteRequestRow[] = []
      for (const row of await requests.open()) {
        const sent = row.activityId ? work.get(row.activityId) : undefined
        const unsent = sent && (sent.stage === 'reserved' || sent.stage === 'proving')
        if (row.activityId && (unsent || row.status !== 'running'))
          await discardPayment(db, activities, row.activityId) // its proof died with the worker
        if (row.status === 'queued' || row.status === 'approving') {
          const fresh = await requests.update(row.id, { activityId: undefined, output: undefined })
          waitForDecision(fresh ?? row)
          waiting.push(fresh ?? row)
        } else if (row.activityId && sent && !unsent) {
          paying.set(row.activityId, row.id) // sent: resumePayments follows it to its end
        } else if (row.activityId && !sent) {
          paying.set(row.activityId, row.id) // it ended while no worker listened
          const ended = await db.activity.get(row.activityId)
          if (ended && (ended.status === 'settled' || ended.status === 'failed'))
            await onActivityEnd(ended)
          else await fail(row, providerError('internal', 'The wallet lost this payment.'))
        } else {
          const fresh = await requests.update(row.id, { activityId: undefined, output: undefined })
          void runPayment(fresh ?? row) // approved, nothing sent: prove and send again
        }
      }
      await queue.restore(waiting)
    },

    // The approval window and the popup's site list.
    async approvalView(id: string): Promise<ApprovalView> {
      const row = await requests.get(id)
      if (!row) throw new BadRequestError('This request is no longer waiting.')
      const view: ApprovalView = {
        id,
        origin: row.origin,
        method: row.method,
        status: row.status,
        needsApproval: row.needsApproval,
        queued: queue.waiting(),
        ...(row.prepError ? { error: row.prepError.message } : {}),
      }
      if (row.params && 'to' in row.params) {
        const p = row.params
        const info = await tokenInfo(p.token)
        const activity = row.activityId ? await db.activity.get(row.activityId) : undefined
        view.payment = {
          to: p.to,
          amount: p.amount,
          ...(activity?.fee ? { fee: activity.fee } : {}),
          ...info,
          ...(p.memo ? { memo: p.memo } : {}),
          overAllowance: row.method === 'zkpay_tip' && row.needsApproval,
        }
        if (row.activityId)
          view.proof = {
            activityId: row.activityId,
            stage: proofStage.get(row.activityId) ?? 'waiting',
          }
      } else if (row.params) {
        const info = await tokenInfo(row.params.token)
        view.allowance = { amount: row.params.amount, period: row.params.period, ...info }
      }
      return view
    },
    async decide(id: string, approve: boolean): Promise<void> {
      const row = await requests.get(id)
      if (!row || !queue.has(id)) throw new BadRequestError('This request was answered already.')
      if (approve && !keystore.isUnlocked()) throw new WalletLockedError('Unlock the wallet first.')
      // A site that was disconnected meanwhile may no longer be paid on its word.
      const gone = row.method !== 'zkpay_connect' && !(await sites.get(row.origin))
      await queue.decide(id, approve && gone ? notConnected() : approve)
    },
    async listSites(): Promise<SiteView[]> {
      return Promise.all(
        (await sites.list()).map((site) => toSiteView(site, (a) => tokenInfo(a.token), now())),
      )
    },
    disconnectSite,
    async revokeAllowance(origin: string, token: Address): Promise<void> {
      await sites.revokeAllowance(origin, token)
      broadcast({ event: 'sites.changed' })
    },
  }
}

/** A failed activity's error, typed by its stored code. */
function failureOf(activity: ActivityRow | undefined): ProviderErrorJson {
  const message = activity?.error ?? 'The payment failed.'
  const code = activity?.errorCode as ErrorCode | undefined
  const mapped = code ? toProviderError(new BaseError(code, message)) : undefined
  return mapped && mapped.data.reason !== 'internal'
    ? mapped
    : providerError('relay_failed', message)
}

export type ProviderService = ReturnType<typeof createProviderService>
