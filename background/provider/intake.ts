import { toHex } from 'viem'
import { formatAmount } from '../../lib/amount.js'
import { ProviderRpcError } from '../../lib/provider/providerErrors.js'
import type { ProviderContext } from './providerContext.js'
import type { SiteRequest } from './requestStore.js'
import {
  type PaymentParams,
  type ProviderMethod,
  parseAllowanceParams,
  parseNoParams,
  parsePaymentParams,
} from './schemas.js'
import { minTip } from './tipLimits.js'

/** A new request to begin, or an earlier one (same idempotency key) whose answer is this one's too. */
export type Intake = { row: SiteRequest; earlier: boolean }

const samePayment = (a: PaymentParams, b: PaymentParams) =>
  a.to === b.to &&
  a.amount === b.amount &&
  a.token === b.token &&
  (a.memo ?? '') === (b.memo ?? '') &&
  a.prompt === b.prompt

/**
 * How a site's request gets in: methods answered at once, and for the
 * others the checks and the stored row (one connect window per origin,
 * idempotency keys, the smallest tip, and whether a tip may go silently).
 */
export function createIntake(
  ctx: ProviderContext,
  disconnectSite: (origin: string) => Promise<void>,
) {
  const { sites, requests, keystore } = ctx

  /** Methods answered at once, without storing anything. */
  async function answerNow(origin: string, method: ProviderMethod, raw: unknown) {
    switch (method) {
      case 'zkpay_chainId':
        parseNoParams(raw)
        return { result: toHex(ctx.chainId) }
      case 'zkpay_accounts': {
        parseNoParams(raw)
        const site = await sites.get(origin)
        return { result: site ? [site.address] : [] }
      }
      case 'zkpay_allowances':
        await ctx.requireSite(origin)
        parseNoParams(raw)
        return { result: await ctx.allowancesOf(origin) }
      case 'zkpay_disconnect':
        await ctx.requireSite(origin)
        parseNoParams(raw)
        await disconnectSite(origin)
        return { result: true }
      case 'zkpay_connect': {
        parseNoParams(raw)
        const site = await sites.get(origin)
        return site ? { result: await ctx.connectResult(site.address) } : undefined
      }
      default:
        return undefined
    }
  }

  /** The earlier request this one repeats (same origin and key), checked to be the same payment. */
  function repeatOf(earlier: SiteRequest, method: ProviderMethod, p: PaymentParams): Intake {
    const before = earlier.params as PaymentParams | undefined
    if (earlier.method !== method || !before || !samePayment(before, p))
      throw new ProviderRpcError(
        'invalid_params',
        'Bad params: idempotencyKey: this key was used for another payment.',
      )
    return { row: earlier, earlier: true }
  }

  async function addPayment(row: Omit<SiteRequest, 'createdAt' | 'updatedAt'>, p: PaymentParams) {
    const key = p.idempotencyKey
    const added = await requests.add(
      row,
      key ? (e) => requests.keyed(e, row.origin, key) : undefined,
    )
    return added.earlier
      ? repeatOf(added.earlier, row.method as ProviderMethod, p)
      : { row: added.row, earlier: false }
  }

  /** Checks a request that may wait and stores it. */
  async function createRequest(
    origin: string,
    id: string,
    method: ProviderMethod,
    raw: unknown,
  ): Promise<Intake> {
    const base = { id, origin, status: 'queued' as const, needsApproval: true }
    if (method === 'zkpay_connect') {
      const added = await requests.add(
        { ...base, method },
        (e) => e.method === 'zkpay_connect' && !requests.isFinal(e),
      )
      if (added.earlier)
        throw new ProviderRpcError(
          'request_pending',
          'A connect request from this site is already waiting for the user.',
        )
      return { row: added.row, earlier: false }
    }
    await ctx.requireSite(origin)
    if (method === 'zkpay_requestAllowance') {
      const params = await parseAllowanceParams(raw, ctx.lookup)
      return { row: (await requests.add({ ...base, method, params })).row, earlier: false }
    }
    if (method !== 'zkpay_pay' && method !== 'zkpay_tip')
      throw new ProviderRpcError('unsupported_method', `zkpay has no method "${method}".`)
    const p = await parsePaymentParams(method, raw, ctx.lookup)
    if (p.idempotencyKey) {
      // A retry is answered before any check that the first request changed (its allowance).
      const key = p.idempotencyKey
      const earlier = (await requests.ofOrigin(origin)).find((e) => requests.keyed(e, origin, key))
      if (earlier) return repeatOf(earlier, method, p)
    }
    if (method === 'zkpay_pay') return addPayment({ ...base, method, params: p }, p)

    const { decimals, symbol } = await ctx.tokenInfo(p.token)
    const least = minTip((await ctx.settings.get()).tipLimits, p.token, decimals)
    if (BigInt(p.amount) < least)
      throw new ProviderRpcError(
        'invalid_params',
        `Bad params: amount: a tip is at least ${formatAmount(least, decimals)} ${symbol}.`,
      )
    // Whether it may go without a window is known once its fee is (sitePayments); the tip
    // alone must fit already.
    const left = await sites.left(origin, p.token)
    const fits = left !== undefined && BigInt(p.amount) <= left
    const unlocked = keystore.isUnlocked()
    if (!p.prompt && !fits)
      throw new ProviderRpcError(
        'unauthorized',
        'This tip is more than what is left of the allowance.',
      )
    if (!p.prompt && !unlocked) throw new ProviderRpcError('wallet_locked', 'The wallet is locked.')
    return addPayment(
      {
        ...base,
        method,
        params: p,
        ...(fits ? { needsApproval: false, status: unlocked ? 'running' : 'queued' } : {}),
      },
      p,
    )
  }

  return { answerNow, createRequest }
}
