import { poseidon2 } from 'poseidon-lite'
import {
  type BaseError,
  ContractFunctionRevertedError,
  createTestClient,
  getContract,
  http,
  keccak256,
  numberToHex,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { merkleTreeHarnessAbi } from '../../lib/contracts/artifacts.js'
import { startChain } from './chain.js'

const FIELD_SIZE = 21888242871839275222246405745257275088548364400416034343698204186575808495617n
const PAIRS = 70 // more than ROOT_HISTORY_SIZE, so the ring wraps

/** The root of `leaves` by docs/protocol.md: depth `max(1, ceil(log2(n)))`, padded with `Z0 = 0`. */
function referenceRoot(leaves: bigint[]): bigint {
  let depth = 1
  while (2 ** depth < leaves.length) depth++
  let layer = leaves
  let zero = 0n
  for (let level = 0; level < depth; level++) {
    const next: bigint[] = []
    for (let i = 0; i < 2 ** (depth - level); i += 2) {
      next.push(poseidon2([layer[i] ?? zero, layer[i + 1] ?? zero]))
    }
    layer = next
    zero = poseidon2([zero, zero])
  }
  return layer[0]!
}

/** The root of a depth-`depth` tree whose only non-empty leaves are `leaves` (index → leaf). */
function sparseRoot(depth: number, leaves: Map<number, bigint>): bigint {
  let layer = leaves
  let zero = 0n
  for (let level = 0; level < depth; level++) {
    const next = new Map<number, bigint>()
    for (const index of layer.keys()) {
      const parent = index >> 1
      if (next.has(parent)) continue
      next.set(
        parent,
        poseidon2([layer.get(2 * parent) ?? zero, layer.get(2 * parent + 1) ?? zero]),
      )
    }
    layer = next
    zero = poseidon2([zero, zero])
  }
  return layer.get(0) ?? zero
}

function expectedDepth(leafCount: number): number {
  let depth = 1
  while (2 ** depth < leafCount) depth++
  return depth
}

const leafAt = (i: number) => BigInt(keccak256(numberToHex(i, { size: 32 }))) % FIELD_SIZE

describe('MerkleTreeWithHistory', () => {
  let chain: Awaited<ReturnType<typeof startChain>>
  let tree: ReturnType<typeof harness>
  const harness = (address: `0x${string}`) =>
    getContract({
      address,
      abi: merkleTreeHarnessAbi,
      client: { public: chain.publicClient, wallet: chain.walletClient },
    })

  beforeAll(async () => {
    chain = await startChain()
    tree = harness(await chain.deploy('MerkleTreeHarness'))
  })
  afterAll(() => chain?.anvil.stop())

  it('starts empty at depth 1 with root Z1', async () => {
    let zero = 0n
    for (let i = 0; i <= 20; i++) {
      expect(await tree.read.zeros([BigInt(i)])).toBe(zero)
      zero = poseidon2([zero, zero])
    }
    await expect(tree.read.zeros([21n])).rejects.toThrow()
    expect(await tree.read.getLastRoot()).toBe(referenceRoot([]))
    expect(await tree.read.depth()).toBe(1n)
    expect(await tree.read.nextIndex()).toBe(0n)
  })

  it('matches the reference root and depth after every pair, and keeps the last 64 roots', async () => {
    const leaves: bigint[] = []
    const roots = [referenceRoot([])]
    const gas: string[] = []
    for (let pair = 1; pair <= PAIRS; pair++) {
      const leaf1 = leafAt(2 * pair)
      const leaf2 = leafAt(2 * pair + 1)
      const hash = await tree.write.insertPair([leaf1, leaf2])
      const receipt = await chain.publicClient.waitForTransactionReceipt({ hash })
      expect(receipt.status).toBe('success')
      leaves.push(leaf1, leaf2)
      roots.push(referenceRoot(leaves))

      expect(await tree.read.getLastRoot()).toBe(roots[pair])
      expect(await tree.read.depth()).toBe(BigInt(expectedDepth(leaves.length)))
      expect(await tree.read.nextIndex()).toBe(BigInt(leaves.length))
      if ([1, 2, 3, 5, 9, 16, 17, 33, 64, 65, 70].includes(pair)) {
        gas.push(`${pair} pairs (depth ${expectedDepth(leaves.length)}): ${receipt.gasUsed}`)
      }
    }
    console.log(`insertPair gas (whole transaction):\n  ${gas.join('\n  ')}`)

    for (const [i, root] of roots.entries()) {
      expect(await tree.read.isKnownRoot([root]), `root ${i}`).toBe(i > PAIRS - 64)
    }
    expect(await tree.read.isKnownRoot([0n])).toBe(false)
    expect(await tree.read.isKnownRoot([2n ** 256n - 1n])).toBe(false)
    expect(await tree.read.isKnownRoot([roots[PAIRS]! + FIELD_SIZE])).toBe(false)
    expect(await tree.read.isKnownRoot([123n])).toBe(false)
  })

  // A real pool never gets there in a test, so these start from a forged state: an
  // all-empty tree of 2^19 (or 2^20 - 2) leaves, whose filled subtrees are the
  // constructor's Z(level) and whose root is Z(depth).
  async function forgeState(next: number, depth: number) {
    const testClient = createTestClient({ mode: 'anvil', transport: http(chain.anvil.rpcUrl) })
    const forged = harness(await chain.deploy('MerkleTreeHarness'))
    const slot = (i: number) => numberToHex(i, { size: 32 })
    // Storage: _roots[64] in slots 0-63, _filledSubtrees[20] in 64-83, then
    // _nextIndex (uint32) | _currentRootIndex (uint8) << 32 | _depth (uint8) << 40.
    const packed = BigInt(next) | (BigInt(depth) << 40n)
    await testClient.setStorageAt({
      address: forged.address,
      index: slot(84),
      value: numberToHex(packed, { size: 32 }),
    })
    const root = sparseRoot(depth, new Map())
    await testClient.setStorageAt({
      address: forged.address,
      index: slot(0),
      value: numberToHex(root, { size: 32 }),
    })
    expect(await forged.read.nextIndex()).toBe(BigInt(next))
    expect(await forged.read.depth()).toBe(BigInt(depth))
    expect(await forged.read.getLastRoot()).toBe(root)
    return forged
  }

  it('grows to MAX_DEPTH = 20', async () => {
    const forged = await forgeState(2 ** 19, 19)
    const hash = await forged.write.insertPair([leafAt(1), leafAt(2)])
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash })
    console.log(`insertPair gas growing to depth 20: ${receipt.gasUsed}`)
    const leaves = new Map([
      [2 ** 19, leafAt(1)],
      [2 ** 19 + 1, leafAt(2)],
    ])
    expect(await forged.read.getLastRoot()).toBe(sparseRoot(20, leaves))
    expect(await forged.read.depth()).toBe(20n)
  })

  it('fills the last pair, then reverts with MerkleTreeFull', async () => {
    const forged = await forgeState(2 ** 20 - 2, 20)
    const hash = await forged.write.insertPair([leafAt(3), leafAt(4)])
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash })
    console.log(`insertPair gas of the last pair (depth 20): ${receipt.gasUsed}`)
    const leaves = new Map([
      [2 ** 20 - 2, leafAt(3)],
      [2 ** 20 - 1, leafAt(4)],
    ])
    expect(await forged.read.getLastRoot()).toBe(sparseRoot(20, leaves))
    expect(await forged.read.nextIndex()).toBe(2n ** 20n)

    const error = await forged.simulate.insertPair([1n, 2n]).catch((e: BaseError) => e)
    const revert = (error as BaseError).walk((e) => e instanceof ContractFunctionRevertedError)
    expect((revert as ContractFunctionRevertedError | null)?.data?.errorName).toBe('MerkleTreeFull')
  })
})
