/**
 * The pool indexer's Ponder config: which chain, which pool, from which block,
 * and where the data goes. Everything comes from a deployment file
 * (`deployments/local.json` shape, lib/deploymentFile.ts):
 *
 *   ZKPAY_DEPLOYMENT   the deployment file (default: ../deployments/local.json)
 *   ZKPAY_RPC_URL      the RPC to index from (default: the file's rpcUrl)
 *   DATABASE_URL       Postgres (production); without it, the embedded PGlite
 *   PONDER_PGLITE_DIR  where PGlite keeps its files (default: indexer/.ponder/pglite)
 */
import { createConfig } from 'ponder'
import { shieldedPoolAbi } from '../lib/contracts/artifacts.js'
import { readIndexerDeployment } from './deployment.js'

const deployment = readIndexerDeployment(process.env)

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: 'postgres', connectionString: process.env.DATABASE_URL, poolConfig: { max: 4 } }
    : {
        kind: 'pglite',
        ...(process.env.PONDER_PGLITE_DIR ? { directory: process.env.PONDER_PGLITE_DIR } : {}),
      },
  chains: {
    pool: {
      id: deployment.chainId,
      rpc: deployment.rpcUrl,
      pollingInterval: deployment.pollingIntervalMs,
      // A local chain's blocks change under a restarted anvil: never reuse cached answers.
      disableCache: deployment.chainId === 31337,
    },
  },
  contracts: {
    ShieldedPool: {
      chain: 'pool',
      abi: shieldedPoolAbi,
      address: deployment.pool,
      startBlock: deployment.startBlock,
    },
  },
})
