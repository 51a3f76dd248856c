import type { FastifyInstance } from 'fastify'
import type { RelayerStatusResponse } from '../../lib/relayer/types.js'
import type { RelayerContext } from '../context.js'

/** Version of the HTTP API: the `/v1/` routes. */
export const apiVersion = '1'

/** `GET /status`: who relays, for which pools, at what fee. */
export function statusRoute(app: FastifyInstance, context: RelayerContext): void {
  const { config } = context
  const status: RelayerStatusResponse = {
    version: apiVersion,
    chainId: context.chain.id,
    relayer: context.account.address,
    pools: [...context.pools.values()],
    fee: { flat: config.fee.flat.toString(), perGas: config.fee.perGas.toString() },
    gasEstimate: { ...config.gasEstimate },
  }
  app.get('/status', async () => status)
}
