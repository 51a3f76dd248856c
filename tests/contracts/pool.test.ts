import {
  type Address,
  type BaseError,
  ContractFunctionRevertedError,
  getContract,
  type Hex,
  zeroAddress,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { deployPool } from '../../lib/contracts/deploy.js'
import { type ExtData, hashExtData, publicAmountOf } from '../../lib/transaction/extData.js'
import { startChain } from './chain.js'

const FIELD_SIZE = 21888242871839275222246405745257275088548364400416034343698204186575808495617n
const Z1 = 0x2098f5fb9e239eab3ceac3f27b81e481dc3124d55ffed523a839ee8446b64864n
// Every check below runs before the verifier is called, so these need no code.
const verifiers = {
  1: '0x0000000000000000000000000000000000000001',
  2: '0x0000000000000000000000000000000000000002',
  8: '0x0000000000000000000000000000000000000008',
} as const satisfies Record<number, Address>

async function errorName(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (error) {
    const revert = (error as BaseError).walk((e) => e instanceof ContractFunctionRevertedError)
    return (revert as ContractFunctionRevertedError | null)?.data?.errorName
  }
  return undefined
}

describe('ShieldedPool without proofs', () => {
  let chain: Awaited<ReturnType<typeof startChain>>
  let pool: ReturnType<typeof poolAt>
  let token: Address
  const poolAt = (address: Address) =>
    getContract({ address, abi: shieldedPoolAbi, client: chain.publicClient })

  beforeAll(async () => {
    chain = await startChain()
    token = await chain.deploy('TestToken')
    const args = [token, verifiers[1], verifiers[2], verifiers[8]]
    pool = poolAt(await chain.deploy('ShieldedPool', args))
  })
  afterAll(() => chain?.anvil.stop())

  it('is wired to its token and verifiers, with an empty tree', async () => {
    expect(await pool.read.token()).toBe(token)
    expect(await pool.read.verifier1()).toBe(verifiers[1])
    expect(await pool.read.verifier2()).toBe(verifiers[2])
    expect(await pool.read.verifier8()).toBe(verifiers[8])
    expect(await pool.read.FIELD_SIZE()).toBe(FIELD_SIZE)
    expect(await pool.read.getLastRoot()).toBe(Z1)
    expect(await pool.read.depth()).toBe(1n)
    expect(await pool.read.nextIndex()).toBe(0n)
    expect(await pool.read.nullifierHashes([1n])).toBe(false)
  })

  it('computes publicAmount = (extAmount - fee) mod p like lib/', async () => {
    for (const [extAmount, fee] of [
      [10n, 0n],
      [10n, 3n],
      [0n, 3n],
      [-10n, 3n],
      [2n ** 248n - 1n, 0n],
      [1n - 2n ** 248n, 2n ** 248n - 1n],
    ] as const) {
      expect(await pool.read.calculatePublicAmount([extAmount, fee])).toBe(
        publicAmountOf(extAmount, fee),
      )
    }
    for (const [extAmount, fee] of [
      [2n ** 248n, 0n],
      [-(2n ** 248n), 0n],
      [0n, 2n ** 248n],
    ] as const) {
      expect(await errorName(pool.read.calculatePublicAmount([extAmount, fee]))).toBe(
        'AmountTooLarge',
      )
    }
  })

  it('checks a transaction in the documented order before verifying it', async () => {
    const transact = async (change: {
      extData?: Partial<ExtData>
      proof?: Record<string, unknown>
    }) => {
      const extData: ExtData = {
        recipient: zeroAddress,
        extAmount: 0n,
        relayer: zeroAddress,
        fee: 0n,
        encryptedOutput1: `0x01${'aa'.repeat(178)}` as Hex,
        encryptedOutput2: `0x01${'bb'.repeat(178)}` as Hex,
        ...change.extData,
      }
      const proof = {
        a: [1n, 2n],
        b: [
          [3n, 4n],
          [5n, 6n],
        ],
        c: [7n, 8n],
        root: await pool.read.getLastRoot(),
        publicAmount: publicAmountOf(extData.extAmount, extData.fee),
        extDataHash: hashExtData(extData),
        inputNullifiers: [11n, 12n],
        outputCommitments: [13n, 14n],
        ...change.proof,
      }
      return errorName(
        chain.publicClient.simulateContract({
          address: pool.address,
          abi: shieldedPoolAbi,
          functionName: 'transact',
          args: [proof, extData] as never,
          account: chain.account,
        }),
      )
    }

    expect(await transact({ proof: { inputNullifiers: [] } })).toBe('UnsupportedInputCount')
    expect(await transact({ proof: { inputNullifiers: [1n, 2n, 3n] } })).toBe(
      'UnsupportedInputCount',
    )
    expect(await transact({ proof: { inputNullifiers: [1n, 2n, 3n], root: 5n } })).toBe(
      'UnsupportedInputCount',
    )
    expect(await transact({ proof: { root: 5n } })).toBe('UnknownRoot')
    expect(await transact({ proof: { root: 0n } })).toBe('UnknownRoot')
    expect(await transact({ proof: { inputNullifiers: [11n, 11n] } })).toBe('DuplicateNullifier')
    expect(await transact({ proof: { extDataHash: 1n } })).toBe('BadExtDataHash')
    expect(await transact({ proof: { extDataHash: 1n, publicAmount: 1n } })).toBe('BadExtDataHash')
    expect(await transact({ proof: { publicAmount: 1n } })).toBe('BadPublicAmount')
    expect(await transact({ extData: { extAmount: 2n ** 248n } })).toBe('AmountTooLarge')
    expect(await transact({ extData: { extAmount: -5n } })).toBe('InvalidRecipient')
    expect(await transact({ extData: { fee: 5n } })).toBe('InvalidRecipient')
  })

  it('is deployed by deployPool', async () => {
    const { walletClient, publicClient } = chain
    const deployment = await deployPool({ walletClient, publicClient })
    const deployed = poolAt(deployment.pool)
    expect(deployment.chainId).toBe(31337)
    expect(await deployed.read.token()).toBe(deployment.token)
    expect(await deployed.read.verifier1()).toBe(deployment.verifiers[1])
    expect(await deployed.read.verifier2()).toBe(deployment.verifiers[2])
    expect(await deployed.read.verifier8()).toBe(deployment.verifiers[8])
    expect(deployment.blockNumber).toBe(await chain.publicClient.getBlockNumber({ cacheTime: 0 }))
  })
})
