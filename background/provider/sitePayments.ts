import { formatAmount } from '../../lib/amount.js'
import { BaseError, type ErrorCode } from '../../lib/errors.js'
import {
  type ProviderErrorJson,
  providerError,
  toProviderError,
} from '../../lib/provider/providerErrors.js'
import type { ActivityRow } from '../db.js'
import { UserRejectedError } from '../executePayment.js'
import type { Activity } from '../messages.js'
import type { ProviderContext } from './providerContext.js'
import type { SiteRequest } from './requestStore.js'
import type { PaymentParams } from './schemas.js'
import { recipientOutput, siteReceipt } from './siteReceipt.js'
import { feeCeiling } from './tipLimits.js'

type Gate = { promise: Promise<void>; resolve(): void; reject(error: Error): void }

function gate(): Gate {
  const g = {} as Gate
  g.promise = new Promise<void>((resolve, reject) => {
    g.resolve = resolve
    g.reject = reject
  })
  g.promise.catch(() => {}) // executePayment awaits it; nobody else must
  return g
}

/**
 * Site payments from start to receipt. A tip inside its allowance starts
 * behind a gate: once the payment has chosen its fee, the tip goes on
 * silently only if amount + fee fits in the allowance and the fee is under
 * the ceiling; otherwise it asks the user (`ask`), or fails for `prompt: false`.
 */
export function createSitePayments(ctx: ProviderContext, ask: (row: SiteRequest) => Promise<void>) {
  const { db, requests, sites, paying, starting } = ctx
  /** Payments being dropped: called when their activity is removed. */
  const dropping = new Map<string, () => void>()

  /**
   * Stops a started payment that may not go on, and resolves once its notes
   * are back: a site told "no" may tip again at once and must find them.
   */
  function drop(activityId: string, silent: Gate): Promise<void> {
    const gone = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000) // never hang an answer on it
      dropping.set(activityId, () => {
        clearTimeout(timer)
        resolve()
      })
    })
    silent.reject(new UserRejectedError())
    return gone.finally(() => dropping.delete(activityId))
  }

  /** Starts a site's payment; with `approval`, it proves now and sends once approved. */
  async function runPayment(row: SiteRequest, approval?: Promise<void>) {
    if (starting.has(row.id) || row.activityId) return
    starting.add(row.id)
    const p = row.params as PaymentParams
    const silent =
      !approval && row.method === 'zkpay_tip' && !row.needsApproval ? gate() : undefined
    try {
      const settles = approval ?? silent?.promise
      const { activityId } = await ctx.payments.start(
        {
          kind: 'send',
          pool: p.pool,
          to: p.to,
          amount: p.amount,
          ...(p.memo ? { memo: p.memo } : {}),
        },
        {
          site: row.origin,
          ...(settles ? { approval: settles } : {}),
          onPrepared: async (prepared) =>
            void (await requests.update(row.id, { output: recipientOutput(prepared, p) })),
        },
      )
      paying.set(activityId, row.id)
      await requests.update(row.id, { activityId, ...(approval ? {} : { status: 'running' }) })
      ctx.changed(row.id)
      if (silent) await admitSilentTip(row, activityId, silent)
    } catch (error) {
      silent?.reject(new UserRejectedError())
      const e = toProviderError(error)
      if (approval && ctx.queue.has(row.id)) {
        await requests.update(row.id, { prepError: e })
        ctx.changed(row.id)
      } else await ctx.fail(row, e)
    } finally {
      starting.delete(row.id)
    }
  }

  /** The tip's fee is known: it goes on silently, asks the user, or fails. */
  async function admitSilentTip(row: SiteRequest, activityId: string, silent: Gate) {
    const p = row.params as PaymentParams
    const fee = BigInt((await db.activity.get(activityId))?.fee ?? '0')
    const amount = BigInt(p.amount)
    const { decimals, symbol } = await ctx.tokenInfo(p.token)
    const ceiling = feeCeiling((await ctx.settings.get()).tipLimits, p.token, decimals, amount)
    const overFee = fee > ceiling
    const period = overFee ? undefined : await sites.reserve(row.origin, p.token, amount + fee)
    if (period !== undefined) {
      const reserved = (amount + fee).toString()
      if (await requests.update(row.id, { allowancePeriod: period, reserved }))
        return silent.resolve()
      // Answered meanwhile (the site was disconnected): nothing may leave.
      await sites.refund(row.origin, p.token, amount + fee, period)
      return silent.reject(new UserRejectedError())
    }
    const units = (x: bigint) => `${formatAmount(x, decimals)} ${symbol}`
    const why = overFee
      ? `The fee of this tip (${units(fee)}) is more than zkpay pays for a tip without asking (${units(ceiling)}).`
      : `This tip with its fee (${units(amount + fee)}) is more than what is left of the allowance.`
    if (!p.prompt) {
      await drop(activityId, silent)
      return ctx.fail(row, providerError('unauthorized', why))
    }
    const asking = await requests.update(row.id, {
      needsApproval: true,
      status: 'queued',
      asked: overFee ? 'fee' : 'allowance',
    })
    if (!asking) return silent.reject(new UserRejectedError())
    ask(asking).then(silent.resolve, silent.reject)
  }

  /** A site payment's activity ended: the site gets its receipt, or the typed error. */
  async function onActivityEnd(activity: Activity | ActivityRow) {
    const id = paying.get(activity.id)
    if (!id) return
    const row = await requests.get(id)
    if (!row || requests.isFinal(row)) return void paying.delete(activity.id)
    if (activity.status === 'settled' && activity.txHash) {
      paying.delete(activity.id)
      try {
        const { publicClient } = await ctx.clients()
        const receipt = await siteReceipt({
          publicClient,
          chainId: ctx.chainId,
          row: row as Parameters<typeof siteReceipt>[0]['row'],
          txHash: activity.txHash,
        })
        await requests.finish(id, { result: receipt })
        ctx.emit(row.origin, 'paymentSettled', { method: row.method, receipt })
      } catch (error) {
        await ctx.fail(row, toProviderError(error))
      }
      return
    }
    const error = failureOf(await db.activity.get(activity.id))
    if (row.status === 'approving' && ctx.queue.has(id)) {
      paying.delete(activity.id)
      await requests.update(id, { prepError: error, activityId: undefined })
      ctx.changed(id)
    } else await ctx.fail(row, error)
  }

  return {
    runPayment,
    onActivityEnd,
    /** An activity was removed (a dropped payment's notes are back). */
    onActivityRemoved: (activityId: string) => dropping.get(activityId)?.(),
  }
}

export type SitePayments = ReturnType<typeof createSitePayments>

/** A failed activity's error, typed by its stored code. */
function failureOf(activity: ActivityRow | undefined): ProviderErrorJson {
  const message = activity?.error ?? 'The payment failed.'
  const code = activity?.errorCode as ErrorCode | undefined
  const mapped = code ? toProviderError(new BaseError(code, message)) : undefined
  return mapped && mapped.data.reason !== 'internal'
    ? mapped
    : providerError('relay_failed', message)
}
