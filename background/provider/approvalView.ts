import { BadRequestError } from '../errors.js'
import type { ApprovalView } from '../messages.js'
import type { ProviderContext } from './providerContext.js'
import { siteWarnings } from './siteWarnings.js'

/**
 * What the approval window shows for request `id`. A payment's fee (and so
 * its total) is there once the payment has chosen its inputs; until then the
 * window keeps Approve disabled. The site's warnings (phishing, not https,
 * never seen) are worked out each time, so a site connected meanwhile is new
 * no longer.
 */
export async function approvalView(ctx: ProviderContext, id: string): Promise<ApprovalView> {
  const row = await ctx.requests.get(id)
  if (!row) throw new BadRequestError('This request is no longer waiting.')
  const view: ApprovalView = {
    id,
    origin: row.origin,
    method: row.method,
    status: row.status,
    needsApproval: row.needsApproval,
    queued: ctx.queue.waiting(),
    warnings: await siteWarnings(ctx, row),
    ...(row.prepError ? { error: row.prepError.message } : {}),
  }
  if (row.params && 'to' in row.params) {
    const p = row.params
    const info = await ctx.tokenInfo(p.token)
    const activity = row.activityId ? await ctx.db.activity.get(row.activityId) : undefined
    const fee = activity ? (activity.fee ?? '0') : undefined
    view.payment = {
      to: p.to,
      amount: p.amount,
      ...(fee !== undefined ? { fee, total: (BigInt(p.amount) + BigInt(fee)).toString() } : {}),
      ...info,
      ...(p.memo ? { memo: p.memo } : {}),
      overAllowance: row.method === 'zkpay_tip' && row.needsApproval && row.asked !== 'fee',
      feeOverCeiling: row.asked === 'fee',
    }
    if (row.activityId)
      view.proof = {
        activityId: row.activityId,
        stage: ctx.proofStage.get(row.activityId) ?? 'waiting',
      }
  } else if (row.params) {
    const info = await ctx.tokenInfo(row.params.token)
    view.allowance = { amount: row.params.amount, period: row.params.period, ...info }
  }
  return view
}
