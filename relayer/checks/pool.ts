import type { Address } from 'viem'
import { RelayError } from '../../lib/errors.js'
import type { RelayerPool } from '../../lib/relayer/types.js'
import type { RelayerContext } from '../context.js'

/** The served pool at `address`, or `unsupported_pool`. */
export function servedPool(context: Pick<RelayerContext, 'pools'>, address: Address): RelayerPool {
  const pool = context.pools.get(address)
  if (!pool)
    throw new RelayError('unsupported_pool', `This relayer does not serve the pool ${address}.`)
  return pool
}
