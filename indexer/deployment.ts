import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { type Address, getAddress } from 'viem'

/** What the indexer needs from a deployment file. */
export type IndexerDeployment = {
  chainId: number
  pool: Address
  rpcUrl: string
  /** The pool's deployment block: nothing of it is older. */
  startBlock: number
  pollingIntervalMs: number
}

/** The deployment file's path, chain, pool and start block, with the RPC the environment overrides. */
export function readIndexerDeployment(env: Record<string, string | undefined>): IndexerDeployment {
  const path = resolve(
    import.meta.dirname,
    env.ZKPAY_DEPLOYMENT ?? resolve(import.meta.dirname, '..', 'deployments', 'local.json'),
  )
  let file: Record<string, unknown>
  try {
    file = JSON.parse(readFileSync(path, 'utf8'))
  } catch (cause) {
    throw new Error(`Cannot read the deployment file ${path}.`, { cause })
  }
  const rpcUrl = env.ZKPAY_RPC_URL ?? file.rpcUrl
  if (typeof rpcUrl !== 'string') throw new Error(`${path} names no rpcUrl; set ZKPAY_RPC_URL.`)
  if (typeof file.chainId !== 'number') throw new Error(`${path} has no chainId.`)
  if (typeof file.pool !== 'string') throw new Error(`${path} has no pool address.`)
  const startBlock = Number(file.blockNumber ?? 0)
  if (!Number.isSafeInteger(startBlock) || startBlock < 0)
    throw new Error(`${path} has a bad blockNumber.`)
  return {
    chainId: file.chainId,
    pool: getAddress(file.pool),
    rpcUrl,
    startBlock,
    pollingIntervalMs: Number(env.ZKPAY_INDEXER_POLL_MS ?? (file.chainId === 31337 ? 200 : 2000)),
  }
}
