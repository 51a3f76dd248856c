import { isAddressEqual, recoverTypedDataAddress } from 'viem'
import { RelayError } from '../errors.js'
import { quoteDomain, quoteTypes, toQuoteMessage } from './quoteTypedData.js'
import type { RelayerQuote } from './types.js'

const decimal = /^(0|[1-9][0-9]{0,77})$/

/**
 * Checks a relayer's quote: signed by `relayer` (the account the relay will
 * pay) for `chainId`, well formed, and not expired at `now` (ms). Throws a
 * RelayError `quote_invalid` saying which check failed.
 *
 * @example
 * await verifyRelayerQuote(status.quote, { relayer: status.relayer, chainId: 31337 })
 */
export async function verifyRelayerQuote(
  quote: RelayerQuote,
  expected: { relayer: `0x${string}`; chainId: number; now?: number },
): Promise<void> {
  const bad = (why: string) => new RelayError('quote_invalid', `The relayer's quote ${why}.`)
  if (
    typeof quote !== 'object' ||
    quote === null ||
    !decimal.test(String(quote.fee?.flat)) ||
    !decimal.test(String(quote.fee?.perGas)) ||
    !Number.isSafeInteger(quote.validUntil) ||
    !Array.isArray(quote.pools) ||
    typeof quote.signature !== 'string'
  )
    throw bad('is malformed')
  if (quote.chainId !== expected.chainId) throw bad(`is for chain ${quote.chainId}`)
  if (!isAddressEqual(quote.relayer, expected.relayer))
    throw bad('names another account than the relayer')
  let signer: `0x${string}`
  try {
    signer = await recoverTypedDataAddress({
      domain: quoteDomain(quote.chainId),
      types: quoteTypes,
      primaryType: 'Quote',
      message: toQuoteMessage(quote),
      signature: quote.signature,
    })
  } catch {
    throw bad('has a malformed signature')
  }
  if (!isAddressEqual(signer, expected.relayer)) throw bad('is not signed by the relayer')
  const now = expected.now ?? Date.now()
  if (quote.validUntil * 1000 <= now)
    throw bad(`expired at ${new Date(quote.validUntil * 1000).toISOString()}`)
}
