import { formatAmount, parseAmount } from '../../../lib/amount.js'
import type { Allowance } from '../../shared/page/zkpay.js'

export type TokenFormat = { token: string; symbol: string; decimals: number }

/** This site's allowance for the token, if it holds one. */
export function allowanceFor(
  allowances: readonly Allowance[],
  token: string,
): Allowance | undefined {
  return allowances.find((a) => a.token.toLowerCase() === token.toLowerCase())
}

/** What is left of the allowance this period, in base units (never below zero). */
export function allowanceLeft(allowance: Allowance, decimals: number): bigint {
  const left =
    parseAmount(allowance.amount, decimals, { allowZero: true }) -
    parseAmount(allowance.spent, decimals, { allowZero: true })
  return left > 0n ? left : 0n
}

/** Whether a tip of `amount` (token units) settles without a window. */
export function fitsAllowance(
  allowance: Allowance | undefined,
  amount: string,
  decimals: number,
): boolean {
  return (
    allowance !== undefined && parseAmount(amount, decimals) <= allowanceLeft(allowance, decimals)
  )
}

/**
 * The allowance line: `0.7 zUSD left of 1 zUSD per day; resets …`, or how
 * tips behave without one.
 */
export function describeAllowance(
  allowance: Allowance | undefined,
  { symbol, decimals }: Omit<TokenFormat, 'token'>,
  formatTime: (ms: number) => string = (ms) => new Date(ms).toLocaleString(),
): string {
  if (!allowance) return 'No allowance yet: each tip asks in a wallet window.'
  const left = formatAmount(allowanceLeft(allowance, decimals), decimals)
  return `One-click tips: ${left} ${symbol} left of ${allowance.amount} ${symbol} per ${allowance.period}; resets ${formatTime(allowance.resetsAt)}.`
}
