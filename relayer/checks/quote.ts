import { type Address, isAddressEqual } from 'viem'
import { RelayError } from '../../lib/errors.js'
import type { RelayerQuote } from '../../lib/relayer/types.js'
import { verifyRelayerQuote } from '../../lib/relayer/verifyQuote.js'
import type { RelayerContext } from '../context.js'
import { currentFeeRule, type FeeRule } from '../feeRule.js'

/**
 * The fee rule a relay is held to: that of the quote it carries, if this
 * relayer signed it for this chain and pool and it has not expired (a quote
 * is honoured until `validUntil`), else the rule in force now. A quote this
 * relayer did not sign, or for another chain or pool, is `quote_invalid`.
 */
export async function feeRuleFor(
  context: Pick<RelayerContext, 'account' | 'chain' | 'config' | 'gasPrice'>,
  pool: Address,
  quote: RelayerQuote | undefined,
  now = Date.now(),
): Promise<{ rule: FeeRule; expired?: number }> {
  const current = await currentFeeRule(context)
  if (!quote) return { rule: current }
  try {
    // Checked as of its own expiry: an expired quote is only stale, not forged.
    await verifyRelayerQuote(quote, {
      relayer: context.account.address,
      chainId: context.chain.id,
      now: quote.validUntil * 1000 - 1,
    })
  } catch (error) {
    if (error instanceof RelayError) throw error
    throw new RelayError('quote_invalid', 'The quote is malformed.')
  }
  if (!quote.pools.some((p) => isAddressEqual(p, pool)))
    throw new RelayError('quote_invalid', `The quote does not cover the pool ${pool}.`)
  if (quote.validUntil * 1000 <= now) return { rule: current, expired: quote.validUntil }
  return {
    rule: {
      ...current,
      flat: BigInt(quote.fee.flat),
      perGas: BigInt(quote.fee.perGas),
      gasEstimate: { ...quote.gasEstimate },
    },
  }
}
