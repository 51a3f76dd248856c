import { formatAmount } from '../../lib/amount.js'
import type { FeeQuote } from '../hooks/useFeeQuote.js'

/**
 * Whether `amount` plus the quoted fee fits the shielded balance; the error
 * names both numbers. `undefined` while there is nothing to compare.
 */
export function checkSpend(
  amount: bigint | undefined,
  quote: FeeQuote,
  shielded: bigint,
  decimals: number,
  symbol: string,
): string | undefined {
  if (amount === undefined || quote.state !== 'ready') return undefined
  const total = amount + quote.fee
  if (total <= shielded) return undefined
  return `Amount plus fee is ${formatAmount(total, decimals)} ${symbol}; you have ${formatAmount(shielded, decimals)} ${symbol} shielded.`
}
