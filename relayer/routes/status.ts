import type { FastifyInstance } from 'fastify'
import type { RelayerStatusResponse } from '../../lib/relayer/types.js'
import { cached } from '../cached.js'
import type { RelayerContext } from '../context.js'
import { currentFeeRule } from '../feeRule.js'
import { signQuote } from '../quote.js'

/** Version of the HTTP API: the `/v1/` routes. */
export const apiVersion = '1'

/**
 * `GET /status`: who relays, for which pools, with how much gas left, at
 * what fee: the fee rule in force, signed as a quote that expires.
 */
export function statusRoute(app: FastifyInstance, context: RelayerContext): void {
  const pools = [...context.pools.values()]
  // One signed answer a second, however many clients ask.
  const status = cached(async (): Promise<RelayerStatusResponse> => {
    const [rule, gasBalance] = await Promise.all([currentFeeRule(context), context.gasBalance()])
    const quote = await signQuote(context, rule)
    return {
      version: apiVersion,
      chainId: context.chain.id,
      relayer: context.account.address,
      pools,
      fee: quote.fee,
      gasEstimate: quote.gasEstimate,
      gasBalance: gasBalance.toString(),
      feeRule: {
        basis: rule.basis,
        gasPrice: rule.gasPrice.toString(),
        ...(rule.basis === 'gasPrice'
          ? { gasPriceFactor: context.config.fee.gasPriceFactor.toString() }
          : {}),
      },
      quote,
    }
  }, 1_000)
  app.get('/status', () => status())
}
