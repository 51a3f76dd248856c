import {
  type Address,
  type BaseError,
  bytesToBigInt,
  bytesToHex,
  ContractFunctionRevertedError,
  decodeErrorResult,
  encodeFunctionData,
  getContract,
  type Hex,
  hexToBytes,
  numberToBytes,
  zeroAddress,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { deployPool } from '../../lib/contracts/deploy.js'
import { TREE_LEVELS, zeros } from '../../lib/epochTree.js'
import { type ExtData, hashExtData, publicAmountOf } from '../../lib/transaction/extData.js'
import { startChain } from './chain.js'

const FIELD_SIZE = 21888242871839275222246405745257275088548364400416034343698204186575808495617n
const CHAIN_ID = 31337
const LIMIT = 2n ** 128n
// Ciphertexts of their exact sizes: 179 bytes per output, 165 for the history record.
const OUTPUT1: Hex = `0x02${'aa'.repeat(178)}`
const OUTPUT2: Hex = `0x02${'bb'.repeat(178)}`
const HISTORY: Hex = `0x02${'cc'.repeat(164)}`
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
    const args = [token, verifiers[1], verifiers[2], verifiers[8], 20n]
    pool = poolAt(await chain.deploy('ShieldedPool', args))
  })
  afterAll(() => chain?.anvil.stop())

  it('is wired to its token and verifiers, with an empty tree', async () => {
    expect(await pool.read.token()).toBe(token)
    expect(await pool.read.verifier1()).toBe(verifiers[1])
    expect(await pool.read.verifier2()).toBe(verifiers[2])
    expect(await pool.read.verifier8()).toBe(verifiers[8])
    expect(await pool.read.FIELD_SIZE()).toBe(FIELD_SIZE)
    expect(await pool.read.epochLevels()).toBe(20n)
    expect(await pool.read.AMOUNT_LIMIT()).toBe(LIMIT)
    expect(await pool.read.ENCRYPTED_OUTPUT_BYTES()).toBe(179n)
    expect(await pool.read.ENCRYPTED_HISTORY_BYTES()).toBe(165n)
    // The empty batch and the empty epoch: a shield (which spends nothing) names them.
    expect(await pool.read.latestBatchRoot()).toBe(zeros(5))
    expect(await pool.read.isKnownBatchRoot([zeros(5)])).toBe(true)
    expect(await pool.read.isKnownArchiveRoot([zeros(TREE_LEVELS)])).toBe(true)
    expect(await pool.read.isKnownArchiveRoot([zeros(5)])).toBe(false)
    expect(await pool.read.leafCount()).toBe(0n)
    expect(await pool.read.nullifierHashes([1n])).toBe(false)
  })

  it('hashes external data like lib/, bound to the chain and the pool', async () => {
    const extData: ExtData = {
      recipient: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
      extAmount: -5n,
      relayer: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      fee: 3n,
      encryptedOutput1: OUTPUT1,
      encryptedOutput2: OUTPUT2,
      encryptedHistory: HISTORY,
    }
    const hash = hashExtData(extData, { chainId: CHAIN_ID, pool: pool.address })
    expect(await pool.read.hashExtData([extData])).toBe(hash)
    expect(hash).toBeLessThan(FIELD_SIZE)
    expect(hashExtData(extData, { chainId: 1, pool: pool.address })).not.toBe(hash)
    expect(hashExtData(extData, { chainId: CHAIN_ID, pool: token })).not.toBe(hash)
  })

  it('computes publicAmount = (extAmount - fee) mod p like lib/', async () => {
    for (const [extAmount, fee] of [
      [10n, 0n],
      [10n, 3n],
      [0n, 3n],
      [-10n, 3n],
      [LIMIT - 1n, 0n],
      [1n - LIMIT, LIMIT - 1n],
    ] as const) {
      expect(await pool.read.calculatePublicAmount([extAmount, fee])).toBe(
        publicAmountOf(extAmount, fee),
      )
    }
    for (const [extAmount, fee] of [
      [LIMIT, 0n],
      [-LIMIT, 0n],
      [0n, LIMIT],
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
        encryptedOutput1: OUTPUT1,
        encryptedOutput2: OUTPUT2,
        encryptedHistory: HISTORY,
        ...change.extData,
      }
      const proof = {
        a: [1n, 2n],
        b: [
          [3n, 4n],
          [5n, 6n],
        ],
        c: [7n, 8n],
        batchRoot: zeros(5),
        archiveRootA: zeros(TREE_LEVELS),
        archiveRootB: zeros(TREE_LEVELS),
        publicAmount: publicAmountOf(extData.extAmount, extData.fee),
        extDataHash: hashExtData(extData, { chainId: CHAIN_ID, pool: pool.address }),
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

    const padded = (hex: Hex, bytes = 1) => `${hex}${'00'.repeat(bytes)}` as Hex
    const [o1, o2, history] = [OUTPUT1, OUTPUT2, HISTORY]
    // Each case: a change and the first check it fails (the hash and publicAmount
    // follow extData unless the change sets them).
    const cases: [Parameters<typeof transact>[0], string][] = [
      [{ proof: { inputNullifiers: [] } }, 'UnsupportedInputCount'],
      [{ proof: { inputNullifiers: [1n, 2n, 3n] } }, 'UnsupportedInputCount'],
      [{ proof: { inputNullifiers: [1n, 2n, 3n], batchRoot: 5n } }, 'UnsupportedInputCount'],
      [{ proof: { batchRoot: 5n } }, 'UnknownBatchRoot'],
      [{ proof: { batchRoot: 0n } }, 'UnknownBatchRoot'],
      // The unused slots of the batch-root history are not roots.
      [{ proof: { batchRoot: 2n ** 256n - 1n } }, 'UnknownBatchRoot'],
      [{ proof: { batchRoot: zeros(5) + FIELD_SIZE } }, 'UnknownBatchRoot'],
      [{ proof: { batchRoot: zeros(TREE_LEVELS) } }, 'UnknownBatchRoot'],
      [{ proof: { batchRoot: 5n, archiveRootA: 5n } }, 'UnknownBatchRoot'],
      [{ proof: { archiveRootA: 5n } }, 'UnknownArchiveRoot'],
      [{ proof: { archiveRootB: 5n } }, 'UnknownArchiveRoot'],
      [{ proof: { archiveRootA: zeros(5) } }, 'UnknownArchiveRoot'],
      [{ proof: { archiveRootB: 0n, inputNullifiers: [11n, 11n] } }, 'UnknownArchiveRoot'],
      [{ proof: { inputNullifiers: [11n, 11n] } }, 'DuplicateNullifier'],
      [{ proof: { inputNullifiers: [11n, 11n], extDataHash: 1n } }, 'DuplicateNullifier'],
      [{ extData: { encryptedOutput1: padded(o1) } }, 'BadCiphertextLength'],
      [{ extData: { encryptedOutput2: padded(o2) } }, 'BadCiphertextLength'],
      [{ extData: { encryptedHistory: padded(history) } }, 'BadCiphertextLength'],
      [{ extData: { encryptedOutput1: o1.slice(0, -2) as Hex } }, 'BadCiphertextLength'],
      [{ extData: { encryptedHistory: '0x' } }, 'BadCiphertextLength'],
      [{ extData: { encryptedOutput1: padded(o1, 30_000 - 179) } }, 'BadCiphertextLength'],
      // The cases above carry the padded data's own hash; a wrong hash is checked after the length.
      [
        { extData: { encryptedOutput2: padded(o2) }, proof: { extDataHash: 1n } },
        'BadCiphertextLength',
      ],
      [{ proof: { extDataHash: 1n } }, 'BadExtDataHash'],
      [{ proof: { extDataHash: 1n, publicAmount: 1n } }, 'BadExtDataHash'],
      [{ proof: { publicAmount: 1n } }, 'BadPublicAmount'],
      [{ extData: { extAmount: LIMIT } }, 'AmountTooLarge'],
      [{ extData: { fee: LIMIT } }, 'AmountTooLarge'],
      [{ extData: { extAmount: -5n } }, 'InvalidRecipient'],
      [{ extData: { fee: 5n } }, 'InvalidRecipient'],
    ]
    for (const [change, reason] of cases) {
      expect({ change, reason: await transact(change) }).toEqual({ change, reason })
    }
  })

  it('takes extData only in its canonical encoding (the hash and the event copy it as is)', async () => {
    const extData: ExtData = {
      recipient: zeroAddress,
      extAmount: 0n,
      relayer: zeroAddress,
      fee: 0n,
      encryptedOutput1: OUTPUT1,
      encryptedOutput2: OUTPUT2,
      encryptedHistory: HISTORY,
    }
    const proof = {
      a: [1n, 2n],
      b: [
        [3n, 4n],
        [5n, 6n],
      ],
      c: [7n, 8n],
      batchRoot: zeros(5),
      archiveRootA: zeros(TREE_LEVELS),
      archiveRootB: zeros(TREE_LEVELS),
      publicAmount: 0n,
      extDataHash: hashExtData(extData, { chainId: CHAIN_ID, pool: pool.address }),
      inputNullifiers: [11n],
      outputCommitments: [13n, 14n],
    }
    const canonical = encodeFunctionData({
      abi: shieldedPoolAbi,
      functionName: 'transact',
      args: [proof, extData] as never,
    })
    // The same values with a spare word between extData's head and its first ciphertext:
    // every decoder reads the same extData, but its bytes (and so its hash) differ.
    const bytes = hexToBytes(canonical)
    const tuple = 4 + Number(bytesToBigInt(bytes.slice(36, 68)))
    const word = (i: number) => bytesToBigInt(bytes.slice(tuple + 32 * i, tuple + 32 * i + 32))
    const shifted = new Uint8Array(bytes.length + 32)
    shifted.set(bytes.slice(0, tuple + 224))
    shifted.set(bytes.slice(tuple + 224), tuple + 256)
    for (const i of [4, 5, 6])
      shifted.set(numberToBytes(word(i) + 32n, { size: 32 }), tuple + 32 * i)
    const reason = async (data: Hex) => {
      try {
        await chain.publicClient.call({ to: pool.address, data, account: chain.account })
      } catch (error) {
        const revert = (error as BaseError).walk(
          (e) => 'data' in (e as object) && typeof (e as { data?: unknown }).data === 'string',
        ) as { data?: Hex } | null
        return revert?.data
          ? decodeErrorResult({ abi: shieldedPoolAbi, data: revert.data }).errorName
          : 'no revert data'
      }
      return 'no revert'
    }
    // The canonical call gets as far as the proof (a fake one here).
    expect(await reason(canonical)).toBe('InvalidProof')
    expect(await reason(bytesToHex(shifted))).toBe('NonCanonicalExtData')
    expect(await pool.read.hashExtData([extData])).toBe(proof.extDataHash)
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
    expect(deployment.epochLevels).toBe(20)
    expect(await deployed.read.epochLevels()).toBe(20n)

    const small = await deployPool({ walletClient, publicClient, epochLevels: 5 })
    expect(small.epochLevels).toBe(5)
    expect(await poolAt(small.pool).read.epochLevels()).toBe(5n)
  })

  it('refuses epochs smaller than a batch or larger than the circuits’ tree', async () => {
    for (const levels of [0n, 4n, 21n]) {
      const address = await chain.deploy('ShieldedPool', [
        token,
        verifiers[1],
        verifiers[2],
        verifiers[8],
        levels,
      ])
      // A reverted constructor leaves no code behind.
      expect(await chain.publicClient.getCode({ address })).toBeUndefined()
    }
  })
})
