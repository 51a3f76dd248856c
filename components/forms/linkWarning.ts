import type { Activity } from '../../background/messages.js'
import { formatAmount } from '../../lib/amount.js'

/** How long a shield counts as recent for {@link unshieldLinkWarnings}: 30 days. */
export const RECENT_SHIELD_MS = 30 * 24 * 60 * 60 * 1000

export type UnshieldPlan = {
  /** The amount to unshield, base units (undefined: not valid yet). */
  amount?: bigint
  /** The 0x recipient (undefined: not valid yet). */
  to?: string
  /** The token, as activities name it. */
  symbol: string
  decimals: number
  /** The wallet's public account, which its shields come from. */
  publicAddress?: string
  activities: readonly Pick<
    Activity,
    'kind' | 'status' | 'amount' | 'counterparty' | 'symbol' | 'decimals' | 'createdAt'
  >[]
  now: number
}

/**
 * Why an unshield could be linked to the wallet's own shields, in plain
 * sentences (empty: nothing to say). Anyone can match a shield and an
 * unshield of the same amount, or an unshield back to the address that
 * shielded: the pool hides neither. A warning, never a refusal.
 */
export function unshieldLinkWarnings(plan: UnshieldPlan): string[] {
  const warnings: string[] = []
  const shields = plan.activities.filter(
    (a) =>
      a.kind === 'shield' &&
      a.status !== 'failed' &&
      a.symbol === plan.symbol &&
      a.decimals === plan.decimals,
  )
  if (plan.amount !== undefined) {
    const amount = plan.amount.toString()
    const same = shields.some(
      (a) => a.amount === amount && plan.now - a.createdAt <= RECENT_SHIELD_MS,
    )
    if (same)
      warnings.push(
        `You shielded exactly ${formatAmount(plan.amount, plan.decimals)} ${plan.symbol} recently. ` +
          'Unshielding the same amount lets anyone link the two; a different amount, or waiting, is more private.',
      )
  }
  const to = plan.to?.toLowerCase()
  if (to) {
    const own = plan.publicAddress?.toLowerCase() === to
    const source = shields.some((a) => a.counterparty?.toLowerCase() === to)
    if (own || source)
      warnings.push(
        own
          ? 'This is the public account your shields come from. Unshielding to it links this payment to your shields; another address is more private.'
          : 'You shielded from this address. Unshielding to it links this payment to that shield; another address is more private.',
      )
  }
  return warnings
}
