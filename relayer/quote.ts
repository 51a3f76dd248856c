import { quoteDomain, quoteTypes, toQuoteMessage } from '../lib/relayer/quoteTypedData.js'
import type { RelayerQuote } from '../lib/relayer/types.js'
import type { RelayerContext } from './context.js'
import type { FeeRule } from './feeRule.js'

/**
 * `rule` as a quote signed by the relayer's account (EIP-712), valid for
 * `QUOTE_TTL_MS` from `now`: what `/status` hands out and a relay carries back.
 */
export async function signQuote(
  context: Pick<RelayerContext, 'account' | 'chain' | 'pools' | 'config'>,
  rule: FeeRule,
  now = Date.now(),
): Promise<RelayerQuote> {
  const unsigned = {
    relayer: context.account.address,
    chainId: context.chain.id,
    pools: [...context.pools.keys()],
    fee: { flat: rule.flat.toString(), perGas: rule.perGas.toString() },
    gasEstimate: { ...rule.gasEstimate },
    validUntil: Math.floor((now + context.config.quoteTtlMs) / 1000),
  }
  const signature = await context.account.signTypedData({
    domain: quoteDomain(unsigned.chainId),
    types: quoteTypes,
    primaryType: 'Quote',
    message: toQuoteMessage(unsigned),
  })
  return { ...unsigned, signature }
}
