import type { Address } from 'viem'
import { ProviderRpcError, toProviderError } from '../../lib/provider/providerErrors.js'
import type { BridgeReply, BridgeRequest } from '../../lib/provider/wire.js'
import type { ApprovalView, BackgroundEvent, SiteView } from '../messages.js'
import { createApprovalQueue } from './approvalQueue.js'
import { approvalView } from './approvalView.js'
import { createDecisions } from './decisions.js'
import { createIntake } from './intake.js'
import {
  type CreateProviderServiceParameters,
  createProviderContext,
  notConnected,
  type Reply,
} from './providerContext.js'
import type { RequestOutcome } from './requestStore.js'
import { restoreRequests } from './restoreRequests.js'
import { isProviderMethod } from './schemas.js'
import { createSitePayments } from './sitePayments.js'
import { toSiteView } from './siteViews.js'

export type { CreateProviderServiceParameters } from './providerContext.js'

/**
 * What sites ask of the wallet (docs/provider.md): each request from a
 * content script is tied to the origin the browser reported, checked,
 * stored, queued for the approval window when it needs the user, and
 * answered once. Payments prove while their window is open; tips inside an
 * allowance skip the window. `restore` picks up what a stopped worker left.
 */
export function createProviderService(params: CreateProviderServiceParameters) {
  const ctx = createProviderContext(params)
  const { requests, sites, keystore, broadcast, ports } = ctx
  const decisions = createDecisions(ctx, () => pay)
  const pay = createSitePayments(ctx, decisions.ask)
  const intake = createIntake(ctx, decisions.disconnectSite)
  ctx.queue = createApprovalQueue({
    requests,
    windows: params.windows,
    url: params.approvalUrl ?? ((id) => `approval.html?request=${encodeURIComponent(id)}`),
    onShown: (id) => void decisions.onShown(id),
    onChange: () => ctx.changed(ctx.queue.current() ?? ''),
  })

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
        const now = await intake.answerNow(origin, method, message.params)
        if (now) return respond(now)
        if (message.type === 'request' && (await requests.get(message.id)))
          throw new ProviderRpcError('invalid_params', 'This request was sent already.')
        const { row, earlier } = await intake.createRequest(
          origin,
          message.id,
          method,
          message.params,
        )
        const release = params.watch?.()
        await requests.onAnswer(row.id, (outcome) => {
          release?.()
          respond(outcome)
        })
        if (!earlier) decisions.begin(row)
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
      if (event.event === 'proof.progress' && ctx.paying.has(event.data.activityId))
        ctx.proofStage.set(event.data.activityId, event.data.stage)
      if (event.event === 'activity.updated' && ['settled', 'failed'].includes(event.data.status))
        void pay.onActivityEnd(event.data)
      if (event.event === 'activity.removed') pay.onActivityRemoved(event.data.id)
    },
    onWindowRemoved: (windowId: number) => ctx.queue.onWindowRemoved(windowId),
    /** The wallet was unlocked: the open window's payment can start proving. */
    onUnlocked() {
      const id = ctx.queue.current()
      if (id) void decisions.onShown(id)
    },
    /** After a restart, before `resumePayments`: takes over the requests a stopped worker left. */
    restore: () => restoreRequests(ctx, decisions, pay),

    // The approval window and the popup's site list.
    approvalView: (id: string): Promise<ApprovalView> => approvalView(ctx, id),
    decide: decisions.decide,
    async listSites(): Promise<SiteView[]> {
      return Promise.all(
        (await sites.list()).map((site) =>
          toSiteView(site, (a) => ctx.tokenInfo(a.token), ctx.now()),
        ),
      )
    },
    disconnectSite: decisions.disconnectSite,
    async revokeAllowance(origin: string, token: Address): Promise<void> {
      await sites.revokeAllowance(origin, token)
      broadcast({ event: 'sites.changed' })
    },
    /** Whether the wallet is unlocked (for callers that hold only the service). */
    isUnlocked: () => keystore.isUnlocked(),
  }
}

export type ProviderService = ReturnType<typeof createProviderService>
