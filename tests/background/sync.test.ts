import 'fake-indexeddb/auto'
import { afterAll, describe, expect, it } from 'vitest'
import { WalletDb } from '../../background/db.js'
import { loadPoolState, rowFromNote, savePoolState } from '../../background/poolStore.js'
import { PoolTree } from '../../lib/epochTree.js'
import { TreeMismatchError } from '../../lib/errors.js'
import type { OwnedNote } from '../../lib/sync/poolState.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { dbName } from './fakes.js'
import { openBackground } from './harness.js'

const pool = '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9' as const
const chains: LocalChain[] = []

afterAll(async () => {
  await Promise.all(chains.map((c) => c.stop()))
})

const note = (leafIndex: number, commitment: bigint, spent = false): OwnedNote => ({
  commitment,
  leafIndex,
  amount: 5n,
  blinding: 6n,
  rho: 7n,
  memo: '',
  nullifier: 1000n + BigInt(leafIndex),
  spent,
  txHash: `0x${'cd'.repeat(32)}`,
  blockNumber: 9n,
})

const pairsOf = (leaves: readonly bigint[]) =>
  Array.from({ length: leaves.length / 2 }, (_, i) => [leaves[2 * i]!, leaves[2 * i + 1]!] as const)

describe('pool store', () => {
  it('saves the tree as a snapshot across steps and loads it without the leaves of other batches', async () => {
    const db = new WalletDb(dbName())
    const leaves = Array.from({ length: 4102 }, (_, i) => BigInt(i + 1))
    const tree = new PoolTree({ retain: 'marked' })
    tree.keep(3)
    tree.insertPairs(pairsOf(leaves.slice(0, 4094)))
    const state = {
      pool,
      tree,
      notes: [note(3, 4n)],
      sent: [],
      nullifiers: new Set<bigint>(),
      syncedBlock: 10n,
    }
    await savePoolState(db, state, { received: state.notes, spent: [] })
    state.tree = tree.clone()
    state.tree.keep(4095)
    state.tree.insertPairs(pairsOf(leaves.slice(4094)))
    state.syncedBlock = 20n
    const spentNote = { ...note(3, 4n), spent: true }
    await savePoolState(db, state, { received: [note(4095, 4096n)], spent: [spentNote] })

    const loaded = await loadPoolState(db, pool, 5n, 20)
    const whole = new PoolTree({ leaves })
    expect(loaded.tree.size).toBe(4102)
    expect(loaded.tree.latestBatchRoot).toBe(whole.latestBatchRoot)
    expect(loaded.tree.path(3)).toEqual(whole.path(3))
    expect(loaded.tree.path(4095)).toEqual(whole.path(4095))
    // Only the marked batches (0 and 127) and the one being filled (128) are held.
    expect(loaded.tree.snapshot().batches.map(([b]) => b)).toEqual([0, 127, 128])
    expect(() => loaded.tree.path(40)).toThrow(TreeMismatchError)
    expect(loaded.syncedBlock).toBe(20n)
    expect(loaded.notes.map((n) => [n.leafIndex, n.spent])).toEqual([
      [3, true],
      [4095, false],
    ])
    expect([...loaded.nullifiers]).toEqual([1003n])
  })

  it('refuses a stored tree whose root is not the saved one, or that lacks a note', async () => {
    const db = new WalletDb(dbName())
    const state = {
      pool,
      tree: new PoolTree({ leaves: [1n, 2n], retain: 'marked' }),
      notes: [],
      sent: [],
      nullifiers: new Set<bigint>(),
      syncedBlock: 7n,
    }
    await savePoolState(db, state, { received: [], spent: [] })
    const row = (await db.trees.get(pool))!
    const upper = row.tree.upper.map((levels) => levels.map((nodes) => nodes.slice()))
    upper[0]![0]![0] = '0x5'
    await db.trees.put({ pool, tree: { ...row.tree, upper } })
    await expect(loadPoolState(db, pool, 5n, 20)).rejects.toBeInstanceOf(TreeMismatchError)
    await db.trees.put(row)
    await expect(loadPoolState(db, pool, 5n, 20)).resolves.toMatchObject({ syncedBlock: 7n })
    await db.notes.put(rowFromNote(pool, note(1, 9n)))
    await expect(loadPoolState(db, pool, 5n, 20)).rejects.toBeInstanceOf(TreeMismatchError)
    await db.trees.delete(pool)
    await expect(loadPoolState(db, pool, 5n, 20)).rejects.toBeInstanceOf(TreeMismatchError)
  })

  it('starts an empty pool just before its deployment block', async () => {
    const loaded = await loadPoolState(new WalletDb(dbName()), pool, 5n, 20)
    expect(loaded.syncedBlock).toBe(4n)
    expect(loaded.tree.size).toBe(0)
  })
})

describe('sync', () => {
  it('drops what it knew of a chain that was reset, and syncs the new one', async () => {
    const first = await startLocalChain()
    chains.push(first)
    const wallet = openBackground(first, { prover: nodeProver })
    await wallet.send('wallet.create', { password: 'correct horse battery' })
    await wallet.send('settings.update', { useRelayer: false })
    await first.fund((await wallet.send('wallet.state')).publicAddress!, 10n ** 18n)
    const { activityId } = await wallet.send('tx.shield', {
      pool: first.deployment.pool,
      amount: '1000',
    })
    expect(await wallet.settled(activityId)).toMatchObject({ status: 'settled' })
    expect(await wallet.send('sync.now')).toMatchObject({ state: 'idle' })
    expect(await wallet.db.notes.count()).toBe(2)
    const progress = wallet.events.filter((e) => e.event === 'sync.progress')
    expect(progress.at(-1)).toMatchObject({ data: { state: 'idle' } })
    expect(progress.at(-1)?.data).not.toHaveProperty('rebuilt')

    // `npm start` again: a new anvil, the same contract addresses, none of the old notes.
    await first.stop()
    const second = await startLocalChain()
    chains.push(second)
    const again = openBackground(second, {
      prover: nodeProver,
      name: wallet.name,
      session: wallet.session,
    })
    await again.background.start()
    const synced = await again.send('sync.now')
    expect(synced).toMatchObject({ state: 'idle', rebuilt: { reason: 'reset' } })
    expect(again.events.filter((e) => e.event === 'sync.progress').at(-1)).toMatchObject({
      data: { state: 'idle', rebuilt: { reason: 'reset' } },
    })
    expect(await again.db.notes.count()).toBe(0)
    const cursor = await again.db.syncCursors.get(second.deployment.pool)
    expect(cursor).toMatchObject({ leafCount: 0 })
    expect(BigInt(cursor!.syncedBlock)).toBe(await second.publicClient.getBlockNumber())
  })
})
