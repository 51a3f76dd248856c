import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseUnits } from 'viem'
import type { Keys } from '../../lib/keys.js'
import { createNoteScanner } from '../../lib/noteScanner.js'
import { createPoolState, type PoolState } from '../../lib/sync/poolState.js'
import { type SyncPoolParameters, syncPool } from '../../lib/sync/syncPool.js'
import type { LocalChain } from '../helpers/localChain.js'
import { newWallet } from '../helpers/wallets.js'

export const units = (x: string) => parseUnits(x, 18)

/**
 * A pool with real transactions on `chain`: Alice shields 3 and 2, pays Bob 1
 * (spending her 3), and Bob pays Alice 0.25 back (spending the 1). Both have
 * a received note, a spent note and a sent record.
 */
export async function fillPool(chain: LocalChain) {
  const alice = await newWallet(chain, units('10'))
  const bob = await newWallet(chain, 0n)
  await alice.shield(units('3'))
  await alice.shield(units('2'))
  await alice.pay(bob.address, units('1'))
  await bob.pay(alice.address, units('0.25'))
  return { alice, bob }
}

/** The deployment file of `chain`, as `npm start` writes it, in a fresh temporary folder. */
export function writeDeploymentFile(chain: LocalChain): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zkpay-indexer-'))
  const file = join(dir, 'deployment.json')
  const d = chain.deployment
  writeFileSync(
    file,
    JSON.stringify({ ...d, blockNumber: d.blockNumber.toString(), rpcUrl: chain.anvil.rpcUrl }),
  )
  return { dir, file }
}

/** A fresh state for `keys` and what a sync of it needs. */
export async function freshSync(chain: LocalChain, keys: Keys) {
  const state = createPoolState(
    chain.deployment.pool,
    chain.deployment.blockNumber,
    chain.deployment.epochLevels,
  )
  const scanner = await createNoteScanner(keys.viewingKey)
  return { publicClient: chain.publicClient, state, keys, scanner } satisfies SyncPoolParameters
}

/** A state synced from scratch via the RPC alone: the reference. */
export async function rpcState(chain: LocalChain, keys: Keys, toBlock?: bigint) {
  const params = await freshSync(chain, keys)
  await syncPool({ ...params, ...(toBlock === undefined ? {} : { toBlock }) })
  return params.state
}

/** What a wallet shows of a state: the tree, its notes (spent or not), its sent records. */
export function shown(state: PoolState) {
  return {
    leaves: state.tree.size,
    root: state.tree.latestBatchRoot,
    notes: state.notes
      .map((n) => ({ leaf: n.leafIndex, amount: n.amount, spent: n.spent }))
      .sort((a, b) => a.leaf - b.leaf),
    balance: state.notes.filter((n) => !n.spent).reduce((sum, n) => sum + n.amount, 0n),
    sent: state.sent.map((s) => s.txHash),
    syncedBlock: state.syncedBlock,
  }
}
