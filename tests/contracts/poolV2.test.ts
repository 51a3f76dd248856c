import {
  type Address,
  type BaseError,
  ContractFunctionRevertedError,
  type Hex,
  maxUint256,
  parseUnits,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  feeOnTransferTokenAbi,
  shieldedPoolAbi,
  testTokenAbi,
} from '../../lib/contracts/artifacts.js'
import { PoolTree, TREE_LEVELS, zeros } from '../../lib/epochTree.js'
import { submitTransaction } from '../../lib/pool/submitTransaction.js'
import { type PoolProof, toPoolProof } from '../../lib/pool/transactArgs.js'
import {
  buildTransaction,
  type PreparedTransaction,
} from '../../lib/transaction/buildTransaction.js'
import { type ExtData, hashExtData } from '../../lib/transaction/extData.js'
import type { PoolWallet } from '../../lib/wallet/createPoolWallet.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { newWallet } from '../helpers/wallets.js'

const units = (amount: string) => parseUnits(amount, 18)
const Z5 = zeros(5)
const Z20 = zeros(TREE_LEVELS)

/** Protocol v2's pool with the real verifiers: what only a real proof reaches. */
describe('ShieldedPool v2 with real proofs', () => {
  let chain: LocalChain
  let alice: PoolWallet

  beforeAll(async () => {
    chain = await startLocalChain()
    alice = await newWallet(chain, units('100'))
    await approve(chain.deployment.token, chain.deployment.pool)
  })
  afterAll(async () => {
    await chain?.stop()
  })

  async function approve(token: Address, pool: Address) {
    const hash = await chain.walletClientFor(alice.keys.account).writeContract({
      address: token,
      abi: testTokenAbi,
      functionName: 'approve',
      args: [pool, maxUint256],
    })
    await chain.publicClient.waitForTransactionReceipt({ hash })
  }

  /**
   * A proven shield of `amount` from Alice into `pool`, against `tree`'s roots;
   * `tamper` may change the circuit's inputs first (a shield spends nothing, so
   * the circuit takes any roots: only the pool can refuse them).
   */
  async function provenShield(
    amount: bigint,
    {
      pool = chain.deployment.pool,
      tree = new PoolTree(),
      tamper,
    }: {
      pool?: Address
      tree?: PoolTree
      tamper?: (prepared: PreparedTransaction) => void
    } = {},
  ) {
    const { keys } = alice
    const self = { ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey }
    const prepared = await buildTransaction({
      keys,
      poolId: { chainId: chain.deployment.chainId, pool },
      inputs: [],
      outputs: [{ amount, ...self }],
      history: { kind: 'shield', from: keys.account.address, amount, memo: '' },
      tree,
      extAmount: amount,
    })
    tamper?.(prepared)
    const { proof } = await nodeProver.prove({ circuit: prepared.circuit, input: prepared.input })
    return { prepared, proof: toPoolProof(prepared, proof) }
  }

  /** What a refused transaction must leave as it was. */
  async function snapshot(pool: Address, token = chain.deployment.token) {
    const { publicClient } = chain
    const read = (functionName: 'leafCount' | 'latestBatchRoot') =>
      publicClient.readContract({ address: pool, abi: shieldedPoolAbi, functionName })
    const balance = (owner: Address) =>
      publicClient.readContract({
        address: token,
        abi: testTokenAbi,
        functionName: 'balanceOf',
        args: [owner],
      })
    return {
      leafCount: await read('leafCount'),
      latestBatchRoot: await read('latestBatchRoot'),
      poolTokens: await balance(pool),
      aliceTokens: await balance(alice.keys.account.address),
      block: await publicClient.getBlockNumber({ cacheTime: 0 }),
    }
  }

  const submit = (pool: Address, proof: PoolProof, extData: ExtData) =>
    submitTransaction({
      publicClient: chain.publicClient,
      walletClient: chain.walletClientFor(alice.keys.account),
      pool,
      proof,
      extData,
    })

  async function expectRefused(
    pool: Address,
    proof: PoolProof,
    extData: ExtData,
    reason: string,
    token?: Address,
  ) {
    const before = await snapshot(pool, token)
    await expect(submit(pool, proof, extData)).rejects.toMatchObject({
      code: 'chain_error',
      reason,
    })
    expect(await snapshot(pool, token)).toEqual(before)
  }

  it('refuses a proof made for another pool on the same chain, though both know its roots', async () => {
    const { deployment, publicClient } = chain
    const twin = await chain.deployPoolLike()
    await approve(deployment.token, twin)
    // Proven for the deployment's pool against the empty tree, whose roots every fresh pool has.
    const { prepared, proof } = await provenShield(units('1'))
    expect(proof).toMatchObject({ batchRoot: Z5, archiveRootA: Z20, archiveRootB: Z20 })
    for (const pool of [deployment.pool, twin]) {
      for (const [functionName, root] of [
        ['isKnownBatchRoot', Z5],
        ['isKnownArchiveRoot', Z20],
      ] as const) {
        expect(
          await publicClient.readContract({
            address: pool,
            abi: shieldedPoolAbi,
            functionName,
            args: [root],
          }),
        ).toBe(true)
      }
    }
    // The twin hashes the same external data to something else: its own address is in it.
    const twinHash = await publicClient.readContract({
      address: twin,
      abi: shieldedPoolAbi,
      functionName: 'hashExtData',
      args: [prepared.extData],
    })
    expect(twinHash).toBe(
      hashExtData(prepared.extData, { chainId: deployment.chainId, pool: twin }),
    )
    expect(twinHash).not.toBe(proof.extDataHash)

    await expectRefused(twin, proof, prepared.extData, 'BadExtDataHash')
    // With the twin's hash in the struct, the proof (bound to the other hash) fails.
    await expectRefused(twin, { ...proof, extDataHash: twinHash }, prepared.extData, 'InvalidProof')
    // The pool it was made for takes it.
    await submit(deployment.pool, proof, prepared.extData)
    expect(
      await publicClient.readContract({
        address: deployment.pool,
        abi: shieldedPoolAbi,
        functionName: 'leafCount',
      }),
    ).toBe(2n)
  })

  it('refuses a ciphertext that is not its exact size, even under a matching hash', async () => {
    const { deployment } = chain
    await alice.sync()
    const { prepared, proof } = await provenShield(units('2'), { tree: alice.state.tree })
    const { extData } = prepared
    const pad = (hex: Hex, bytes: number) => `${hex}${'00'.repeat(bytes)}` as Hex
    const tampered: [string, ExtData][] = [
      ['output 1 of 180 bytes', { ...extData, encryptedOutput1: pad(extData.encryptedOutput1, 1) }],
      [
        'output 1 of 30 kB',
        { ...extData, encryptedOutput1: pad(extData.encryptedOutput1, 30_000 - 179) },
      ],
      ['output 2 of 180 bytes', { ...extData, encryptedOutput2: pad(extData.encryptedOutput2, 1) }],
      [
        'output 2 of 178 bytes',
        { ...extData, encryptedOutput2: extData.encryptedOutput2.slice(0, -2) as Hex },
      ],
      ['history of 166 bytes', { ...extData, encryptedHistory: pad(extData.encryptedHistory, 1) }],
      ['no history', { ...extData, encryptedHistory: '0x' }],
    ]
    for (const [what, changed] of tampered) {
      const rehashed = { ...proof, extDataHash: hashExtData(changed, deployment) }
      for (const attempt of [proof, rehashed]) {
        const before = await snapshot(deployment.pool)
        const outcome = await submit(deployment.pool, attempt, changed).then(
          () => 'landed',
          (error: { reason?: string }) => error.reason,
        )
        expect({ what, outcome }).toEqual({ what, outcome: 'BadCiphertextLength' })
        expect(await snapshot(deployment.pool)).toEqual(before)
      }
    }
    // The proof itself was good.
    await submit(deployment.pool, proof, extData)
    await alice.sync()
    expect(alice.balance()).toBe(units('3'))
  })

  it('refuses a batch root or an archive root it never had', async () => {
    const { deployment } = chain
    await alice.sync()
    const tree = alice.state.tree
    // Z20 is an archive root but never a batch root, Z5 the other way round:
    // the two kinds are kept apart.
    const cases: ['batchRoot' | 'archiveRootA' | 'archiveRootB', bigint, string][] = [
      ['batchRoot', Z20, 'UnknownBatchRoot'],
      ['archiveRootA', Z5, 'UnknownArchiveRoot'],
      ['archiveRootB', 123456789n, 'UnknownArchiveRoot'],
    ]
    for (const [signal, root, reason] of cases) {
      const { prepared, proof } = await provenShield(units('1'), {
        tree,
        tamper: (p) => {
          p.input[signal] = root
          p.publicInputs[signal] = root
        },
      })
      expect(proof[signal]).toBe(root)
      await expectRefused(deployment.pool, proof, prepared.extData, reason)
    }
  })

  it('refuses to credit a shield of a fee-on-transfer token', async () => {
    const { deployment, publicClient } = chain
    const feeToken = await chain.deploy('FeeOnTransferToken')
    const feePool = await chain.deployPoolLike({ token: feeToken })
    const mint = await chain.walletClientFor(alice.keys.account).writeContract({
      address: feeToken,
      abi: feeOnTransferTokenAbi,
      functionName: 'mint',
      args: [alice.keys.account.address, units('100')],
    })
    await publicClient.waitForTransactionReceipt({ hash: mint })
    await approve(feeToken, feePool)

    const amount = units('10')
    const { prepared, proof } = await provenShield(amount, { pool: feePool })
    // The pool would receive 99% of what the proof credits.
    const error = await publicClient
      .simulateContract({
        address: feePool,
        abi: shieldedPoolAbi,
        functionName: 'transact',
        args: [proof, prepared.extData],
        account: alice.keys.account,
      })
      .then(
        () => undefined,
        (e: BaseError) => e,
      )
    const revert = error?.walk((e) => e instanceof ContractFunctionRevertedError)
    expect((revert as ContractFunctionRevertedError | undefined)?.data).toMatchObject({
      errorName: 'ShieldAmountMismatch',
      args: [amount, amount - amount / 100n],
    })
    await expectRefused(feePool, proof, prepared.extData, 'ShieldAmountMismatch', feeToken)
    expect(
      await publicClient.readContract({
        address: feePool,
        abi: shieldedPoolAbi,
        functionName: 'leafCount',
      }),
    ).toBe(0n)
    // The same proof is for that pool only: the deployment's pool refuses it by its hash.
    await expectRefused(deployment.pool, proof, prepared.extData, 'BadExtDataHash')
  })
})
