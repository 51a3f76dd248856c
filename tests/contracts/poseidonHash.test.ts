import { poseidon2 } from 'poseidon-lite'
import { encodeFunctionData, getContract, keccak256, numberToHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { poseidonHarnessAbi } from '../../lib/contracts/artifacts.js'
import { startChain } from './chain.js'

const FIELD_SIZE = 21888242871839275222246405745257275088548364400416034343698204186575808495617n
const MAX_UINT = 2n ** 256n - 1n

/** A deterministic "random" 256-bit value, reduced into the field. */
const randomAt = (i: number) => BigInt(keccak256(numberToHex(i, { size: 32 }))) % FIELD_SIZE

describe('PoseidonHash (contracts/PoseidonHash.sol)', () => {
  let chain: Awaited<ReturnType<typeof startChain>>
  let harness: ReturnType<typeof harnessAt>
  const harnessAt = (address: `0x${string}`) =>
    getContract({ address, abi: poseidonHarnessAbi, client: chain.publicClient })

  beforeAll(async () => {
    chain = await startChain()
    harness = harnessAt(await chain.deploy('PoseidonHarness'))
  })
  afterAll(() => chain?.anvil.stop())

  it('equals poseidon-lite poseidon2 on field elements', async () => {
    const edges = [0n, 1n, 2n, FIELD_SIZE - 2n, FIELD_SIZE - 1n]
    const pairs: [bigint, bigint][] = []
    for (const a of edges) for (const b of edges) pairs.push([a, b])
    for (let i = 0; i < 25; i++) pairs.push([randomAt(2 * i), randomAt(2 * i + 1)])
    for (const [a, b] of pairs) {
      expect(await harness.read.hash2([a, b]), `hash2(${a}, ${b})`).toBe(poseidon2([a, b]))
    }
  })

  // The circuits see field elements, so a uint256 `x >= p` hashes as `x mod p` (no revert):
  // the same as poseidon-lite and as a circuit fed `x`. The pool only hashes values < p.
  it('takes inputs >= p mod p', async () => {
    for (const [a, b] of [
      [FIELD_SIZE, 0n],
      [FIELD_SIZE + 1n, FIELD_SIZE - 1n],
      [2n * FIELD_SIZE + 7n, MAX_UINT],
      [MAX_UINT, MAX_UINT],
      [randomAt(100) + 4n * FIELD_SIZE, randomAt(101) + 3n * FIELD_SIZE],
    ] as const) {
      const expected = poseidon2([a % FIELD_SIZE, b % FIELD_SIZE])
      expect(await harness.read.hash2([a, b]), `hash2(${a}, ${b})`).toBe(expected)
    }
  })

  it('chains hashes like poseidon-lite, and costs about this much gas per hash', async () => {
    let expected = 1n
    for (let i = 0; i < 5; i++) expected = poseidon2([expected, 2n])
    expect(await harness.read.hashChain([1n, 2n, 5n])).toBe(expected)

    const estimate = (n: bigint) =>
      chain.publicClient.estimateGas({
        account: chain.account,
        to: harness.address,
        data: encodeFunctionData({
          abi: poseidonHarnessAbi,
          functionName: 'hashChain',
          args: [1n, 2n, n],
        }),
      })
    const [one, many] = [await estimate(1n), await estimate(21n)]
    const perHash = Number(many - one) / 20
    const single = await chain.publicClient.estimateGas({
      account: chain.account,
      to: harness.address,
      data: encodeFunctionData({
        abi: poseidonHarnessAbi,
        functionName: 'hash2',
        args: [randomAt(1), randomAt(2)],
      }),
    })
    console.log(
      `PoseidonHash.hash2 gas: ${perHash} per hash in a loop (incl. jump and loop overhead); ` +
        `a whole hash2 transaction: ${single}`,
    )
    // PoseidonT3 (poseidon-solidity, an external library call) cost ~18.9k here.
    expect(perHash).toBeLessThan(14_000)
  })
})
