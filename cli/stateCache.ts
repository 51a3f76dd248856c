import type { PublicClient } from 'viem'
import type { ShieldedAddress } from '../lib/address.js'
import type { PoolState } from '../lib/sync/poolState.js'
import { deserializePoolState, serializePoolState } from '../lib/sync/poolStateJson.js'
import type { CliDeployment } from './chain.js'
import type { Store } from './store.js'

type Where = {
  store: Store
  publicClient: PublicClient
  deployment: CliDeployment
  address: ShieldedAddress
}

/**
 * The cached sync for this wallet and pool, if there is one and it still
 * describes this chain: same chain, pool, deployment block and wallet, and the
 * block it reached still has the hash it had (a restarted local chain reuses
 * addresses, and a reorg rewrites blocks). Anything else is ignored: the cache
 * only saves a rescan.
 */
export async function loadCachedState(where: Where): Promise<PoolState | undefined> {
  const { store, publicClient, deployment, address } = where
  const file = await store.readStateCache(deployment.chainId, deployment.pool)
  if (
    file?.version !== 1 ||
    file.chainId !== deployment.chainId ||
    file.address !== address ||
    file.deployBlock !== deployment.blockNumber.toString()
  )
    return undefined
  try {
    const state = deserializePoolState(file.state)
    if (state.pool !== deployment.pool || state.syncedBlock < deployment.blockNumber)
      return undefined
    const block = await publicClient.getBlock({ blockNumber: state.syncedBlock })
    return block.hash === file.syncedBlockHash ? state : undefined
  } catch {
    return undefined
  }
}

/** Caches `state` with the hash of the block it reached. */
export async function saveCachedState(where: Where & { state: PoolState }): Promise<void> {
  const { store, publicClient, deployment, address, state } = where
  if (state.syncedBlock < deployment.blockNumber) return
  const block = await publicClient.getBlock({ blockNumber: state.syncedBlock })
  if (!block.hash) return
  await store.writeStateCache({
    version: 1,
    chainId: deployment.chainId,
    address,
    deployBlock: deployment.blockNumber.toString(),
    syncedBlockHash: block.hash,
    state: serializePoolState(state),
  })
}
