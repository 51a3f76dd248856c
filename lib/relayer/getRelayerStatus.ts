import type { RelayerRequestOptions } from './request.js'
import { relayerRequest } from './request.js'
import type { RelayerStatus, RelayerStatusResponse } from './types.js'

/**
 * Reads a relayer's `/status`: its account, the pools it serves and its fee rule.
 *
 * @example
 * const status = await getRelayerStatus('http://127.0.0.1:8547')
 * status.fee.flat // 1000000000000000n
 */
export async function getRelayerStatus(
  url: string,
  options?: RelayerRequestOptions,
): Promise<RelayerStatus> {
  const status = await relayerRequest<RelayerStatusResponse>(
    url,
    'status',
    { method: 'GET' },
    options,
  )
  return { ...status, fee: { flat: BigInt(status.fee.flat), perGas: BigInt(status.fee.perGas) } }
}
