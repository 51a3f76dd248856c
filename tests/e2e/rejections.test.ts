import { type Address, parseUnits, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { FIELD_SIZE } from '../../lib/field.js'
import { submitTransaction } from '../../lib/pool/submitTransaction.js'
import { type PoolProof, toPoolProof } from '../../lib/pool/transactArgs.js'
import type { PreparedTransaction } from '../../lib/transaction/buildTransaction.js'
import { type ExtData, hashExtData, publicAmountOf } from '../../lib/transaction/extData.js'
import { prepareTransfer, prepareUnshield } from '../../lib/transaction/prepare.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { newWallet } from '../helpers/wallets.js'

const units = (amount: string) => parseUnits(amount, 18)

describe('the pool refuses bad transactions and changes nothing', () => {
  let chain: LocalChain
  let alice: Awaited<ReturnType<typeof newWallet>>
  let bob: Awaited<ReturnType<typeof newWallet>>

  beforeAll(async () => {
    chain = await startLocalChain()
    alice = await newWallet(chain, units('100'))
    bob = await newWallet(chain)
    await alice.shield(units('50'))
  })
  afterAll(async () => {
    await chain?.stop()
  })

  async function poolSnapshot() {
    const { publicClient, deployment } = chain
    const read = (functionName: 'latestBatchRoot' | 'leafCount') =>
      publicClient.readContract({ address: deployment.pool, abi: shieldedPoolAbi, functionName })
    return {
      latestBatchRoot: await read('latestBatchRoot'),
      leafCount: await read('leafCount'),
      poolTokens: await chain.tokenBalance(deployment.pool),
      aliceTokens: await chain.tokenBalance(alice.keys.account.address),
      block: await publicClient.getBlockNumber({ cacheTime: 0 }),
    }
  }

  /** Submits from Alice's public account and expects the pool's custom error `reason`. */
  async function expectRefused(proof: PoolProof, extData: ExtData, reason: string) {
    const before = await poolSnapshot()
    await expect(
      submitTransaction({
        publicClient: chain.publicClient,
        walletClient: chain.walletClientFor(alice.keys.account),
        pool: chain.deployment.pool,
        proof,
        extData,
      }),
    ).rejects.toMatchObject({ code: 'chain_error', reason })
    expect(await poolSnapshot()).toEqual(before)
  }

  /** The pool and chain proofs here are bound to. */
  const poolId = () => ({ chainId: chain.deployment.chainId, pool: chain.deployment.pool })

  async function provenTransfer(
    amount = units('1'),
    tamper?: (prepared: PreparedTransaction) => void,
  ) {
    await alice.sync()
    const prepared = await prepareTransfer({
      keys: alice.keys,
      state: alice.state,
      chainId: chain.deployment.chainId,
      to: bob.address,
      amount,
    })
    tamper?.(prepared)
    const { proof } = await nodeProver.prove({ circuit: prepared.circuit, input: prepared.input })
    return { prepared, proof: toPoolProof(prepared, proof) }
  }

  it('refuses a spent nullifier (a replayed transaction)', async () => {
    const { prepared, proof } = await provenTransfer()
    await submitTransaction({
      publicClient: chain.publicClient,
      walletClient: chain.walletClientFor(alice.keys.account),
      pool: chain.deployment.pool,
      proof,
      extData: prepared.extData,
    })
    await expectRefused(proof, prepared.extData, 'NullifierSpent')
  })

  it('refuses an archive root the pool never had, though the note is under a known batch root', async () => {
    // Alice's note is in the current batch, so the circuit is satisfied whatever
    // the archive roots are: only the pool can tell this one is made up.
    const fakeRoot = 123456789n
    const { prepared, proof } = await provenTransfer(units('1'), (p) => {
      p.input.archiveRootB = fakeRoot
      p.publicInputs.archiveRootB = fakeRoot
    })
    expect(alice.state.tree.anchorOf(prepared.spent[0]!.leafIndex)).toMatchObject({ kind: 'batch' })
    expect(proof.archiveRootB).toBe(fakeRoot)
    await expectRefused(proof, prepared.extData, 'UnknownArchiveRoot')
    // And a batch root it never had.
    await expectRefused({ ...proof, batchRoot: fakeRoot }, prepared.extData, 'UnknownBatchRoot')
  })

  it('refuses external data changed after proving: recipient, fee, outputs', async () => {
    await alice.sync()
    const prepared = await prepareUnshield({
      keys: alice.keys,
      state: alice.state,
      chainId: chain.deployment.chainId,
      recipient: alice.keys.account.address,
      amount: units('1'),
    })
    const { proof: raw } = await nodeProver.prove({
      circuit: prepared.circuit,
      input: prepared.input,
    })
    const proof = toPoolProof(prepared, raw)
    const thief: Address = '0x000000000000000000000000000000000000dEaD'
    // [changed extData, why the pool refuses it once the proof struct carries its hash]
    const tampered: [ExtData, string][] = [
      [{ ...prepared.extData, recipient: thief }, 'InvalidProof'],
      // A fee also changes publicAmount, which the pool recomputes from extData.
      [{ ...prepared.extData, fee: 1n, relayer: thief }, 'BadPublicAmount'],
      [
        { ...prepared.extData, encryptedOutput1: toHex(new Uint8Array(179).fill(7)) },
        'InvalidProof',
      ],
      [
        {
          ...prepared.extData,
          encryptedOutput1: prepared.extData.encryptedOutput2,
          encryptedOutput2: prepared.extData.encryptedOutput1,
        },
        'InvalidProof',
      ],
      // The sender's history record is bound too.
      [
        { ...prepared.extData, encryptedHistory: toHex(new Uint8Array(165).fill(9)) },
        'InvalidProof',
      ],
    ]
    for (const [extData, reason] of tampered) {
      await expectRefused(proof, extData, 'BadExtDataHash')
      // Even with a matching hash in the proof struct, the proof itself does not verify.
      await expectRefused(
        { ...proof, extDataHash: hashExtData(extData, poolId()) },
        extData,
        reason,
      )
    }
    // And with publicAmount adjusted too, the proof still fails.
    const withFee = { ...prepared.extData, fee: 1n, relayer: thief }
    await expectRefused(
      {
        ...proof,
        extDataHash: hashExtData(withFee, poolId()),
        publicAmount: publicAmountOf(withFee.extAmount, 1n),
      },
      withFee,
      'InvalidProof',
    )
  })

  it('refuses a proof presented with other public inputs', async () => {
    const { prepared, proof } = await provenTransfer()
    await expectRefused(
      {
        ...proof,
        outputCommitments: [proof.outputCommitments[0], proof.outputCommitments[0] + 1n],
      },
      prepared.extData,
      'InvalidProof',
    )
    await expectRefused(
      { ...proof, inputNullifiers: [proof.inputNullifiers[0]! + 1n] },
      prepared.extData,
      'InvalidProof',
    )
    await expectRefused({ ...proof, publicAmount: 5n }, prepared.extData, 'BadPublicAmount')
  })

  it('refuses amounts of 2^128 or more', async () => {
    const { prepared, proof } = await provenTransfer()
    for (const huge of [
      { ...prepared.extData, extAmount: 1n << 128n },
      { ...prepared.extData, extAmount: -(1n << 128n), recipient: bob.keys.account.address },
      { ...prepared.extData, fee: 1n << 128n, relayer: bob.keys.account.address },
    ]) {
      await expectRefused(
        { ...proof, extDataHash: hashExtData(huge, poolId()) },
        huge,
        'AmountTooLarge',
      )
    }
  })

  it('refuses the same nullifier twice in one transaction', async () => {
    const { prepared, proof } = await provenTransfer()
    const n = proof.inputNullifiers[0]!
    await expectRefused(
      { ...proof, inputNullifiers: [n, n] },
      prepared.extData,
      'DuplicateNullifier',
    )
  })

  it('refuses a proof sent to another circuit variant', async () => {
    const { prepared, proof } = await provenTransfer()
    // A 1-input proof presented as a 2-input one goes to the 2-input verifier, which rejects it.
    const other = (proof.inputNullifiers[0]! + 1n) % FIELD_SIZE
    await expectRefused(
      { ...proof, inputNullifiers: [proof.inputNullifiers[0]!, other] },
      prepared.extData,
      'InvalidProof',
    )
    await expectRefused(
      { ...proof, inputNullifiers: [1n, 2n, 3n] },
      prepared.extData,
      'UnsupportedInputCount',
    )
  })
})
