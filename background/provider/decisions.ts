import { toHex } from 'viem'
import { WalletLockedError } from '../../lib/errors.js'
import { providerError, toProviderError } from '../../lib/provider/providerErrors.js'
import type { SiteAllowanceParams } from '../db.js'
import { BadRequestError } from '../errors.js'
import { UserRejectedError } from '../executePayment.js'
import { notConnected, type ProviderContext } from './providerContext.js'
import type { SiteRequest } from './requestStore.js'
import type { SitePayments } from './sitePayments.js'

/**
 * What happens around the user's answer: a request waits in the approval
 * queue, its payment starts proving when its window shows, and approve,
 * reject, a closed window or a disconnect end it.
 */
export function createDecisions(ctx: ProviderContext, pay: () => SitePayments) {
  const { requests, sites, keystore, broadcast } = ctx

  function waitForDecision(row: SiteRequest) {
    ctx.queue.decision(row.id).then(
      () => void onApproved(row.id),
      (error) => void onRejected(row.id, error),
    )
  }

  /** Queues `row` for its window; the promise settles with the user's answer. */
  function ask(row: SiteRequest): Promise<void> {
    const decided = ctx.queue.enqueue(row)
    waitForDecision(row)
    return decided
  }

  function begin(row: SiteRequest) {
    if (row.status === 'running') return void pay().runPayment(row)
    void ask(row) // the decision handlers take it from here
  }

  /** Its window is open: a payment starts proving (once the wallet is unlocked). */
  async function onShown(id: string) {
    const row = await requests.get(id)
    if (!row || requests.isFinal(row) || !keystore.isUnlocked()) return
    if (row.method !== 'zkpay_pay' && row.method !== 'zkpay_tip') return
    if (!row.needsApproval) return ctx.queue.decide(id, true) // a tip inside the allowance: unlocked is all it needed
    if (!row.activityId && !row.prepError) await pay().runPayment(row, ctx.queue.decision(id))
  }

  async function onApproved(id: string) {
    const row = await requests.get(id)
    if (!row || requests.isFinal(row)) return
    try {
      if (row.method === 'zkpay_connect') {
        const address = keystore.address()
        if (!address) throw new WalletLockedError()
        await sites.connect(row.origin, address)
        const result = await ctx.connectResult(address)
        ctx.emit(row.origin, 'connect', { chainId: toHex(ctx.chainId) })
        await requests.finish(id, { result })
        broadcast({ event: 'sites.changed' })
      } else if (row.method === 'zkpay_requestAllowance') {
        const p = row.params as SiteAllowanceParams
        const site = await sites.setAllowance(row.origin, p)
        if (!site) throw notConnected()
        const granted = (await ctx.allowancesOf(row.origin)).find((a) => a.token === p.token)
        await requests.finish(id, { result: granted })
        broadcast({ event: 'sites.changed' })
      } else if (row.prepError) await ctx.fail(row, row.prepError)
      else if (row.activityId || ctx.starting.has(id))
        await requests.update(id, { status: 'running' })
      else await pay().runPayment(row)
    } catch (error) {
      await ctx.fail(row, toProviderError(error))
    }
  }

  /**
   * Rejected, its window closed, or it could not go ahead. A user's no is
   * 4001 whatever the request had found meanwhile (say, a balance too low):
   * what the wallet holds is not the site's to learn.
   */
  async function onRejected(id: string, error: unknown) {
    const row = await requests.get(id)
    if (!row || requests.isFinal(row)) return
    await ctx.fail(
      row,
      error instanceof UserRejectedError
        ? providerError('user_rejected', 'The user rejected the request.')
        : toProviderError(error),
    )
  }

  async function disconnectSite(origin: string) {
    await sites.disconnect(origin)
    // What it still had waiting for the user goes no further.
    for (const row of await requests.open())
      if (row.origin === origin && ctx.queue.has(row.id))
        await ctx.queue.decide(row.id, notConnected())
    ctx.emit(origin, 'disconnect', { code: 4900, message: 'The site was disconnected from zkpay.' })
    broadcast({ event: 'sites.changed' })
  }

  /** The user's answer from the approval window. */
  async function decide(id: string, approve: boolean): Promise<void> {
    const row = await requests.get(id)
    if (!row || !ctx.queue.has(id)) throw new BadRequestError('This request was answered already.')
    if (approve && !keystore.isUnlocked()) throw new WalletLockedError('Unlock the wallet first.')
    // A site that was disconnected meanwhile may no longer be paid on its word.
    const gone = row.method !== 'zkpay_connect' && !(await sites.get(row.origin))
    // An approved payment's window stays, with its progress and a Cancel (tx.cancel).
    const keepWindow =
      approve && !gone && (row.method === 'zkpay_pay' || row.method === 'zkpay_tip')
    if (keepWindow) await requests.update(id, { windowKept: true })
    await ctx.queue.decide(id, approve && gone ? notConnected() : approve, { keepWindow })
  }

  return { waitForDecision, ask, begin, onShown, onApproved, onRejected, disconnectSite, decide }
}

export type Decisions = ReturnType<typeof createDecisions>
