import { assessOrigin, type SiteWarning } from '../../lib/siteSafety.js'
import { phishingMatch } from './phishingList.js'
import type { ProviderContext } from './providerContext.js'
import type { SiteRequest } from './requestStore.js'

/**
 * Whether the wallet has dealt with the origin of `row` before it: the site
 * is connected now, a payment it asked for is in the history (a refused one
 * leaves none), or another of its requests was approved and answered (a
 * connect or allowance, kept ten minutes after its answer). Disconnecting
 * forgets a site, so one disconnected long ago with no payments is new again.
 */
export async function seenBefore(ctx: ProviderContext, row: SiteRequest): Promise<boolean> {
  const { origin } = row
  if (await ctx.sites.get(origin)) return true
  const approved = (await ctx.requests.ofOrigin(origin)).some(
    (other) => other.id !== row.id && other.status === 'done',
  )
  if (approved) return true
  const paid = await ctx.db.activity
    .filter((a) => a.site === origin && a.id !== row.activityId)
    .count()
  return paid > 0
}

/** What the approval window warns about the site behind `row` (see lib/siteSafety.ts). */
export async function siteWarnings(ctx: ProviderContext, row: SiteRequest): Promise<SiteWarning[]> {
  return assessOrigin({
    origin: row.origin,
    seenBefore: await seenBefore(ctx, row),
    isPhishing: phishingMatch(row.origin),
  }).warnings
}
