import { poseidon2 } from 'poseidon-lite'
import { decodeEventLog, getContract, keccak256, numberToHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { epochTreeHarnessAbi } from '../../lib/contracts/artifacts.js'
import { PoolTree, TREE_LEVELS, zeros } from '../../lib/epochTree.js'
import { startChain } from './chain.js'

const FIELD_SIZE = 21888242871839275222246405745257275088548364400416034343698204186575808495617n
const leafAt = (i: number) => BigInt(keccak256(numberToHex(i, { size: 32 }))) % FIELD_SIZE

/** The root of a depth-20 tree holding `leaves` from index 0, padded with `Z0 = 0`. */
function referenceRoot(leaves: readonly bigint[]): bigint {
  let layer = [...leaves]
  for (let level = 0; level < TREE_LEVELS; level++) {
    const next: bigint[] = []
    for (let i = 0; i < layer.length; i += 2) {
      next.push(poseidon2([layer[i]!, layer[i + 1] ?? zeros(level)]))
    }
    layer = next
  }
  return layer[0] ?? zeros(TREE_LEVELS)
}

describe('EpochTree', () => {
  let chain: Awaited<ReturnType<typeof startChain>>
  const harness = (address: `0x${string}`) =>
    getContract({
      address,
      abi: epochTreeHarnessAbi,
      client: { public: chain.publicClient, wallet: chain.walletClient },
    })

  beforeAll(async () => {
    chain = await startChain()
  })
  afterAll(() => chain?.anvil.stop())

  it('starts with the empty batch and epoch roots and refuses bad epoch sizes', async () => {
    const tree = harness(await chain.deploy('EpochTreeHarness', [20n]))
    expect(await tree.read.latestBatchRoot()).toBe(zeros(5))
    expect(await tree.read.isKnownBatchRoot([zeros(5)])).toBe(true)
    expect(await tree.read.isKnownArchiveRoot([zeros(20)])).toBe(true)
    expect(await tree.read.isKnownArchiveRoot([123n])).toBe(false)
    expect(await tree.read.leafCount()).toBe(0n)
    // A reverted constructor leaves no code behind.
    for (const levels of [4n, 21n]) {
      const address = await chain.deploy('EpochTreeHarness', [levels])
      expect(await chain.publicClient.getCode({ address })).toBeUndefined()
    }
  })

  // Epochs of 2^6 leaves: two batches each, so 80 inserts cross two epoch
  // boundaries and fold four batches.
  it('agrees with the JavaScript tree after every insert, across folds and epochs', async () => {
    const tree = harness(await chain.deploy('EpochTreeHarness', [6n]))
    const local = new PoolTree({ epochLevels: 6 })
    const gas: number[] = []
    const archived: bigint[] = []
    for (let pair = 0; pair < 80; pair++) {
      const [a, b] = [leafAt(2 * pair), leafAt(2 * pair + 1)]
      const hash = await tree.write.insertPair([a, b])
      const receipt = await chain.publicClient.waitForTransactionReceipt({ hash })
      gas.push(Number(receipt.gasUsed))
      local.insertPair(a, b)
      for (const log of receipt.logs) {
        const event = decodeEventLog({ abi: epochTreeHarnessAbi, ...log })
        if (event.eventName === 'ArchiveRoot') archived.push(event.args.root)
      }
      expect(await tree.read.latestBatchRoot()).toBe(local.latestBatchRoot)
      expect(await tree.read.isKnownArchiveRoot([local.latestArchiveRoot])).toBe(true)
    }
    // A fold lands 14 inserts after the insert that completes its batch.
    expect(local.foldedBatches).toBe(Math.floor((80 - 14) / 16))
    expect(archived.length).toBe(local.foldedBatches)
    // Epoch 0 is final: its two batches, against a plain depth-20 tree of its 64 leaves.
    expect(local.archiveRoot(0)).toBe(referenceRoot(local.leaves.slice(0, 64)))
    expect(archived[1]).toBe(local.archiveRoot(0))
    expect(local.archiveRoot(1)).toBe(referenceRoot(local.leaves.slice(64, 128)))
    // Every path reaches its anchor's root the way the circuit computes it.
    for (const index of [0, 31, 32, 63, 64, 100, 127, 128, 150, 159]) {
      const path = local.path(index)
      let node = local.leaves[index]!
      const levels = path.anchor.kind === 'batch' ? 5 : 20
      for (let level = 0; level < levels; level++) {
        const sibling = path.pathElements[level]!
        node =
          (path.pathIndex >> level) & 1 ? poseidon2([sibling, node]) : poseidon2([node, sibling])
      }
      expect(node, `leaf ${index}`).toBe(path.root)
      if (path.anchor.kind === 'batch')
        expect(await tree.read.isKnownBatchRoot([path.root])).toBe(true)
      else expect(await tree.read.isKnownArchiveRoot([path.root])).toBe(true)
    }
    const max = Math.max(...gas)
    console.log(`insertPair gas (whole transaction): max ${max}, first ${gas[0]}, 16th ${gas[15]}`)
  })

  it('keeps only the last 64 batch roots', async () => {
    const tree = harness(await chain.deploy('EpochTreeHarness', [20n]))
    const roots: bigint[] = []
    for (let pair = 0; pair < 70; pair++) {
      await chain.publicClient.waitForTransactionReceipt({
        hash: await tree.write.insertPair([leafAt(pair), leafAt(pair + 1000)]),
      })
      roots.push(await tree.read.latestBatchRoot())
    }
    for (const [i, root] of roots.entries()) {
      expect(await tree.read.isKnownBatchRoot([root]), `root ${i}`).toBe(i >= 70 - 64)
    }
    expect(await tree.read.isKnownBatchRoot([2n ** 256n - 1n])).toBe(false)
    expect(await tree.read.isKnownBatchRoot([roots[69]! + FIELD_SIZE])).toBe(false)
  })

  it('keeps the last 64 archive roots, and the final root of every full epoch forever', async () => {
    // Epochs of 2 batches: every other fold ends an epoch.
    const tree = harness(await chain.deploy('EpochTreeHarness', [6n]))
    // 160 inserts per transaction, to keep under the block gas limit.
    for (let i = 0; i < 7; i++) {
      await chain.publicClient.waitForTransactionReceipt({
        hash: await tree.write.insertPairs([BigInt(1 + i * 1000), 160n], { gas: 29_000_000n }),
      })
    }
    expect(await tree.read.leafCount()).toBe(2n * 70n * 16n)
    const events = await chain.publicClient.getContractEvents({
      address: tree.address,
      abi: epochTreeHarnessAbi,
      eventName: 'ArchiveRoot',
      fromBlock: 0n,
    })
    // The first fold ends 14 inserts after its batch (docs/protocol.md, "Tree").
    const folds = events.length
    expect(folds).toBe(Math.floor((70 * 16 - 14) / 16))
    const roots = events.map((e) => ({ root: e.args.root!, full: e.args.batchCount === 2n }))
    for (const [i, { root, full }] of roots.entries()) {
      const known = await tree.read.isKnownArchiveRoot([root])
      expect(known, `archive root ${i} (${full ? 'final' : 'intermediate'})`).toBe(
        full || i >= folds - 64,
      )
    }
    expect(roots.filter((r, i) => !r.full && i < folds - 64).length).toBeGreaterThan(0)
    expect(await tree.read.isKnownArchiveRoot([zeros(TREE_LEVELS)])).toBe(true)
    expect(await tree.read.isKnownArchiveRoot([roots.at(-1)!.root + FIELD_SIZE])).toBe(false)
    expect(await tree.read.isKnownArchiveRoot([12345n])).toBe(false)
  })
})
