import { type Address, toHex } from 'viem'
import { type ProviderErrorJson, ProviderRpcError } from '../../lib/provider/providerErrors.js'
import type { BridgeReply, ProviderEventName } from '../../lib/provider/wire.js'
import type { ActivityStore } from '../activityStore.js'
import type { Broadcast } from '../broadcast.js'
import type { ChainClients } from '../chainClients.js'
import type { PoolDeployment } from '../config.js'
import type { WalletDb } from '../db.js'
import type { Keystore } from '../keystore.js'
import type { ApprovalView, Settings } from '../messages.js'
import type { Payments } from '../payments.js'
import { createSettingsStore } from '../settingsStore.js'
import { getTokenInfo } from '../tokenInfo.js'
import type { ApprovalQueue, WindowsApi } from './approvalQueue.js'
import { createRequestStore, type SiteRequest } from './requestStore.js'
import type { PaymentParams, TokenLookup } from './schemas.js'
import { createSiteStore } from './siteStore.js'
import { toAllowanceView, toSiteAllowance } from './siteViews.js'

export type CreateProviderServiceParameters = {
  db: WalletDb
  keystore: Pick<Keystore, 'isUnlocked' | 'address'>
  payments: Pick<Payments, 'start'>
  activities: ActivityStore
  deployments: readonly PoolDeployment[]
  clients: () => Promise<ChainClients>
  windows: WindowsApi
  broadcast: Broadcast
  /** The wallet's settings (tip limits); by default read from the database each time. */
  settings?: { get(): Promise<Settings> }
  /** Keeps new blocks synced while a request is open; returns the release. */
  watch?: () => () => void
  /** The approval page for a request (relative to the extension root). */
  approvalUrl?: (requestId: string) => string
  now?: () => number
}

export type Reply = (reply: BridgeReply) => void

/** The 4100 a site gets for anything but connect before it connects. */
export const notConnected = () =>
  new ProviderRpcError('unauthorized', 'This site is not connected: call zkpay_connect first.')

/**
 * What the provider's parts share: the stores, the site ports, token
 * lookups and the one way to answer a request with an error. The approval
 * queue is set once it exists (its callbacks need the other parts).
 */
export function createProviderContext(params: CreateProviderServiceParameters) {
  const { db, broadcast, deployments } = params
  const now = params.now ?? Date.now
  const sites = createSiteStore(db, now)
  const requests = createRequestStore(db, now, (windowId) => params.windows.close(windowId))
  const ports = new Map<string, Set<Reply>>()
  const settings = params.settings ?? { get: () => createSettingsStore(db).get() }

  async function tokenInfo(token: Address) {
    return getTokenInfo(db, (await params.clients()).publicClient, token)
  }

  const ctx = {
    ...params,
    now,
    chainId: deployments[0]?.chainId ?? 31337,
    sites,
    requests,
    ports,
    settings,
    /** Set by the service once created. */
    queue: undefined as unknown as ApprovalQueue,
    /** Site payments in flight: activity id → request id. */
    paying: new Map<string, string>(),
    /** Requests whose payment is being started (never two for one request). */
    starting: new Set<string>(),
    proofStage: new Map<string, NonNullable<ApprovalView['proof']>['stage']>(),
    tokenInfo,
    lookup: (async (token) => {
      const d = deployments.find((x) => x.token.toLowerCase() === token.toLowerCase())
      return d ? { pool: d.pool, decimals: (await tokenInfo(d.token)).decimals } : undefined
    }) satisfies TokenLookup,
    /** Tells open extension pages that request `id` changed. */
    changed: (id: string) => broadcast({ event: 'approval.changed', data: { id } }),
    emit(origin: string, event: ProviderEventName, data: unknown) {
      for (const send of ports.get(origin) ?? []) send({ type: 'event', event, data })
    },
    async connectResult(address: string) {
      const pools = await Promise.all(
        deployments.map(async (d) => ({
          pool: d.pool,
          token: d.token,
          ...(await tokenInfo(d.token)),
        })),
      )
      return { address, chainId: toHex(ctx.chainId), pools }
    },
    async requireSite(origin: string) {
      const site = await sites.get(origin)
      if (!site) throw notConnected()
      return site
    },
    async allowancesOf(origin: string) {
      const rows = await sites.allowances(origin)
      return Promise.all(
        rows.map(async (a) => toSiteAllowance(toAllowanceView(a, await tokenInfo(a.token), now()))),
      )
    },
    /** Answers `row` with `error`, and gives a tip's share of the allowance back. */
    async fail(row: SiteRequest, error: ProviderErrorJson) {
      const current = (await requests.get(row.id)) ?? row
      if (current.activityId) ctx.paying.delete(current.activityId)
      if (!(await requests.finish(row.id, { error }))) return
      const p = current.params as PaymentParams | undefined
      if (current.allowancePeriod !== undefined && p)
        await sites.refund(
          current.origin,
          p.token,
          BigInt(current.reserved ?? p.amount),
          current.allowancePeriod,
        )
    },
  }
  return ctx
}

export type ProviderContext = ReturnType<typeof createProviderContext>
