import { Command } from 'commander'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { DEV_KEYS_WARNING } from '../../lib/deploymentFile.js'
import { contextOf } from '../context.js'

/** `zkpay status`: the deployment this wallet uses, the chain and the pool, and any warning. */
export function statusCommand(): Command {
  return new Command('status')
    .description('show the deployment, chain and pool this wallet uses (no password needed)')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command)
      const { deployment, rpcUrl, publicClient } = await ctx.network()
      const [head, leaves, token] = await Promise.all([
        publicClient.getBlockNumber(),
        publicClient.readContract({
          address: deployment.pool,
          abi: shieldedPoolAbi,
          functionName: 'leafCount',
        }),
        ctx.token(),
      ])
      const saved = (await ctx.config()).relayer
      const relayers =
        saved === undefined ? deployment.relayers : Array.isArray(saved) ? saved : [saved]
      const setup = deployment.setup ?? 'development'
      const data = {
        deployment: deployment.path,
        chainId: deployment.chainId,
        rpcUrl,
        pool: deployment.pool,
        token: deployment.token,
        symbol: token.symbol,
        block: head.toString(),
        leaves: leaves.toString(),
        relayers,
        setup,
        insecureDevKeys: deployment.insecureDevKeys,
        ...(deployment.insecureDevKeys ? { warning: DEV_KEYS_WARNING } : {}),
      }
      ctx.output.result(
        [
          `deployment  ${deployment.path}`,
          `chain       ${deployment.chainId} at ${rpcUrl}, block ${head}`,
          `pool        ${deployment.pool} (${token.symbol} ${deployment.token}), ${leaves} notes`,
          `relayers    ${relayers.length ? relayers.join(', ') : 'none (sends from the public account)'}`,
          `setup       ${setup === 'ceremony' ? 'ceremony' : 'development keys'}`,
          ...(deployment.insecureDevKeys ? [`WARNING     ${DEV_KEYS_WARNING}`] : []),
        ],
        data,
      )
    })
}
