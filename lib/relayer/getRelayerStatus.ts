import { RelayError } from '../errors.js'
import type { RelayerRequestOptions } from './request.js'
import { relayerRequest } from './request.js'
import type { RelayerStatus, RelayerStatusResponse } from './types.js'
import { verifyRelayerQuote } from './verifyQuote.js'

/**
 * Reads a relayer's `/status`: its account, the pools it serves, its gas
 * balance and its signed fee quote. The quote must be signed by the account
 * the relayer names (the one `extData.relayer` will pay) and not expired;
 * the fee returned is the quote's. A malformed answer is `quote_invalid` or
 * `relay_failed`.
 *
 * @example
 * const status = await getRelayerStatus('http://127.0.0.1:8547')
 * status.fee.flat // 1000000000000000n
 */
export async function getRelayerStatus(
  url: string,
  options?: RelayerRequestOptions & { now?: number },
): Promise<RelayerStatus> {
  const status = await relayerRequest<RelayerStatusResponse>(
    url,
    'status',
    { method: 'GET' },
    options,
  )
  if (typeof status?.relayer !== 'string' || !Number.isSafeInteger(status.chainId))
    throw new RelayError('relay_failed', `The relayer at ${url} answered a malformed status.`)
  if (!status.quote)
    throw new RelayError('quote_invalid', `The relayer at ${url} sent no signed quote.`)
  await verifyRelayerQuote(status.quote, {
    relayer: status.relayer,
    chainId: status.chainId,
    ...(options?.now !== undefined ? { now: options.now } : {}),
  })
  const { quote } = status
  let gasBalance: bigint
  try {
    gasBalance = BigInt(status.gasBalance)
  } catch {
    throw new RelayError('relay_failed', `The relayer at ${url} answered a malformed gas balance.`)
  }
  return {
    ...status,
    fee: { flat: BigInt(quote.fee.flat), perGas: BigInt(quote.fee.perGas) },
    gasEstimate: { ...quote.gasEstimate },
    gasBalance,
  }
}
