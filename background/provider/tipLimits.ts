import type { Address } from 'viem'
import type { TipLimits } from '../messages.js'

/** The limits when Settings has none: a fee of at most 5 % of the tip, or 0.001 of a token. */
export const defaultTipLimits: Readonly<TipLimits> = Object.freeze({
  feePercent: 5,
  feeFloor: {},
  minTip: {},
})

/** A token's amount in `record` (keys compared case-insensitively), or `fallback`. */
function forToken(record: Record<string, string>, token: Address, fallback: bigint): bigint {
  const key = Object.keys(record).find((k) => k.toLowerCase() === token.toLowerCase())
  return key === undefined ? fallback : BigInt(record[key]!)
}

/** 0.001 of a token: the default floor of the fee ceiling and the default smallest tip. */
const milli = (decimals: number) => 10n ** BigInt(Math.max(decimals - 3, 0))

/** The smallest tip the wallet takes in `token`, base units. */
export function minTip(limits: TipLimits | undefined, token: Address, decimals: number): bigint {
  return forToken((limits ?? defaultTipLimits).minTip, token, milli(decimals))
}

/**
 * The most a tip of `amount` may pay in fee without a window:
 * `max(floor, feePercent% of amount)`, and never more than the tip itself.
 */
export function feeCeiling(
  given: TipLimits | undefined,
  token: Address,
  decimals: number,
  amount: bigint,
): bigint {
  const limits = given ?? defaultTipLimits
  const floor = forToken(limits.feeFloor, token, milli(decimals))
  // Percent in hundredths, so that 0.5 % is exact.
  const share = (amount * BigInt(Math.round(limits.feePercent * 100))) / 10_000n
  const ceiling = share > floor ? share : floor
  return ceiling < amount ? ceiling : amount
}
