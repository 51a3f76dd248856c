import { providerError } from '../../lib/provider/providerErrors.js'
import { discardPayment } from '../paymentOutcome.js'
import type { Decisions } from './decisions.js'
import type { ProviderContext } from './providerContext.js'
import type { SiteRequest } from './requestStore.js'
import type { PaymentParams } from './schemas.js'
import type { SitePayments } from './sitePayments.js'

/**
 * After a restart, before `resumePayments`: takes over the requests a
 * stopped worker left. A decision still to make keeps its window, a payment
 * not yet sent is proved again, one sent is followed to its block.
 */
export async function restoreRequests(
  ctx: ProviderContext,
  decisions: Decisions,
  pay: SitePayments,
): Promise<void> {
  const { db, requests } = ctx
  await requests.prune()
  const work = new Map((await db.pendingWork.toArray()).map((w) => [w.activityId, w]))
  const waiting: SiteRequest[] = []
  const open = await requests.open()
  for (const row of open) {
    const sent = row.activityId ? work.get(row.activityId) : undefined
    const unsent = sent && (sent.stage === 'reserved' || sent.stage === 'proving')
    if (row.activityId && (unsent || row.status !== 'running'))
      await discardPayment(db, ctx.activities, row.activityId) // its proof died with the worker
    if (row.status === 'queued' || row.status === 'approving') {
      const fresh = await requests.update(row.id, { activityId: undefined, output: undefined })
      decisions.waitForDecision(fresh ?? row)
      waiting.push(fresh ?? row)
    } else if (row.activityId && sent && !unsent) {
      ctx.paying.set(row.activityId, row.id) // sent: resumePayments follows it to its end
    } else if (row.activityId && !sent) {
      ctx.paying.set(row.activityId, row.id) // it ended while no worker listened
      const ended = await db.activity.get(row.activityId)
      if (ended && (ended.status === 'settled' || ended.status === 'failed'))
        await pay.onActivityEnd(ended)
      else await ctx.fail(row, providerError('internal', 'The wallet lost this payment.'))
    } else {
      // Approved, nothing sent: prove and send again. A silent tip is admitted
      // again once its new fee is known, so what it had reserved goes back first.
      const p = row.params as PaymentParams
      if (row.allowancePeriod !== undefined)
        await ctx.sites.refund(
          row.origin,
          p.token,
          BigInt(row.reserved ?? p.amount),
          row.allowancePeriod,
        )
      const fresh = await requests.update(row.id, {
        activityId: undefined,
        output: undefined,
        allowancePeriod: undefined,
        reserved: undefined,
      })
      void pay.runPayment(fresh ?? row)
    }
  }
  // A site payment the stopped worker began but had not yet tied to its
  // request (it died between the two writes): the request runs afresh
  // above, so the half-made payment goes, or the history would show it twice.
  const linked = new Set(open.map((row) => row.activityId))
  for (const w of work.values()) {
    if (linked.has(w.activityId) || (w.stage !== 'reserved' && w.stage !== 'proving')) continue
    if ((await db.activity.get(w.activityId))?.site)
      await discardPayment(db, ctx.activities, w.activityId)
  }
  await ctx.queue.restore(waiting)
}
