import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { poseidon2, poseidon4 } from 'poseidon-lite'
import * as snarkjs from 'snarkjs'
import type { Address } from 'viem'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { encodeAddress } from '../../lib/address.js'
import { PoolTree, zeros } from '../../lib/epochTree.js'
import { FIELD_SIZE } from '../../lib/field.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { circuitsDir, loadVerificationKey } from '../../lib/node/loadCircuitArtifacts.js'
import { commitment, nullifier, outputRho } from '../../lib/note.js'
import {
  buildTransaction,
  type PreparedTransaction,
  type SpendableNote,
} from '../../lib/transaction/buildTransaction.js'
import { hashExtData, publicAmountOf } from '../../lib/transaction/extData.js'
import { nodeProver } from '../helpers/prover.js'

const alice = deriveKeys(generateMnemonic())
const mallory = deriveKeys(generateMnemonic())
const bob = deriveKeys(generateMnemonic())
const bobAddress = encodeAddress({
  ownerKey: bob.ownerKey,
  viewingPublicKey: bob.viewingKey.publicKey,
})
const poolId = { chainId: 31337, pool: '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address }
const TWO_128 = 1n << 128n

type Input = PreparedTransaction['input']
type Circuit = 'tx1' | 'tx2'

/**
 * The constraints of circuits/transaction.circom that an attack must break. The
 * witness calculator names the line of the first constraint that fails, so each
 * refusal below is checked to come from the constraint it targets.
 */
const CHECKS = {
  nullifier: 'inNullifier[t].out === inputNullifier[t];',
  pathIndex: 'inIndexBits[t].in <== inPathIndex[t];',
  membership: 'inAmount[t] * inMiss[t] === 0;',
  distinctNullifiers: 'diffInv[pair] * (inputNullifier[a] - inputNullifier[b]) === 1;',
  outputCommitment: 'outCommitment[t].out === outputCommitment[t];',
  outputRange: 'outAmountBits[t].in <== outAmount[t];',
  balance: 'sumIns + publicAmount === sumOuts;',
} as const
const circuitSource = readFileSync(
  new URL('../../circuits/transaction.circom', import.meta.url),
  'utf8',
).split('\n')
function lineOf(check: keyof typeof CHECKS): number {
  const lines = circuitSource.flatMap((text, i) => (text.includes(CHECKS[check]) ? [i + 1] : []))
  if (lines.length !== 1) throw new Error(`"${CHECKS[check]}" is not one line of the circuit.`)
  return lines[0]!
}

/**
 * A pool of 31 transactions (epochs of 2^20): batch 0 (leaves 0-31) is folded
 * into epoch 0's archive root, batch 1 (leaves 32-61) is not. Alice owns 30 at
 * leaf 4 (proven against the archive root), 12 at leaf 40 and 5 at leaf 41
 * (proven against batch 1's root); the other notes are Mallory's.
 */
function aliceTree() {
  const owned: Record<number, bigint> = { 4: 30n, 40: 12n, 41: 5n }
  const notes: Record<number, SpendableNote> = {}
  const leaves: bigint[] = []
  for (let i = 0; i < 62; i++) {
    const amount = owned[i] ?? BigInt(i + 100)
    const blinding = BigInt(1000 + i)
    const rho = BigInt(5000 + i)
    const ownerKey = owned[i] === undefined ? mallory.ownerKey : alice.ownerKey
    const c = commitment({ amount, ownerKey, blinding, rho })
    leaves.push(c)
    if (owned[i] !== undefined) notes[i] = { amount, blinding, rho, leafIndex: i, commitment: c }
  }
  return {
    tree: new PoolTree({ leaves }),
    archived: notes[4]!,
    batched: notes[40]!,
    batchedToo: notes[41]!,
  }
}

function pay(
  inputs: SpendableNote[],
  amounts: bigint[],
  tree: PoolTree,
  extra: { extAmount?: bigint; fee?: bigint; recipient?: Address; relayer?: Address } = {},
) {
  return buildTransaction({
    keys: alice,
    poolId,
    inputs,
    outputs: amounts.map((amount) => ({
      amount,
      ownerKey: bob.ownerKey,
      viewingPublicKey: bob.viewingKey.publicKey,
    })),
    history: { kind: 'pay', to: bobAddress, amount: amounts[0]!, memo: '' },
    tree,
    ...extra,
  })
}

/** The input with outputs of these amounts, committed with rho = N_0 + j (or `rho(j)`). */
function withOutputs(input: Input, outAmount: bigint[], rho?: (j: number) => bigint): Input {
  const n0 = (input.inputNullifier as bigint[])[0]!
  const outPubkey = input.outPubkey as bigint[]
  const outBlinding = input.outBlinding as bigint[]
  return {
    ...input,
    outAmount,
    // By hand: lib/ refuses amounts of 2^128 and more.
    outputCommitment: outAmount.map((amount, j) =>
      poseidon4([
        amount % FIELD_SIZE,
        outPubkey[j]!,
        outBlinding[j]!,
        rho ? rho(j) : (n0 + BigInt(j)) % FIELD_SIZE,
      ]),
    ),
  }
}

describe('transaction circuit (protocol v2)', () => {
  const { tree, archived, batched, batchedToo } = aliceTree()
  const wasm: Partial<Record<Circuit, Uint8Array>> = {}
  const vkey: Partial<Record<Circuit, unknown>> = {}

  /** Whether the circuit has a witness for `input`: every constraint holds. */
  const witness = (input: Record<string, unknown>, circuit: Circuit = 'tx1') =>
    snarkjs.wtns.calculate(input, wasm[circuit]!, { type: 'mem' })
  const accepted = (input: Record<string, unknown>, circuit: Circuit = 'tx1') =>
    expect(witness(input, circuit)).resolves.toBeUndefined()
  /** No witness, hence no proof: the witness calculator stops at `check`, the first constraint that fails. */
  const refused = (
    input: Record<string, unknown>,
    check: keyof typeof CHECKS,
    circuit: Circuit = 'tx1',
  ) =>
    expect(witness(input, circuit)).rejects.toThrow(
      new RegExp(`Assert Failed\\.[\\s\\S]*Transaction_\\d+ line: ${lineOf(check)}(?!\\d)`),
    )

  beforeAll(async () => {
    // The witness calculator also logs every failed constraint; the tests check the errors.
    vi.spyOn(console, 'error').mockImplementation(() => {})
    for (const circuit of ['tx1', 'tx2'] as const) {
      wasm[circuit] = new Uint8Array(await readFile(join(circuitsDir, `${circuit}.wasm`)))
      vkey[circuit] = await loadVerificationKey(circuit)
    }
  })
  afterAll(() => {
    vi.restoreAllMocks()
  })

  it('has the anchors the tests rely on', () => {
    expect(tree.foldedBatches).toBe(1)
    expect(tree.anchorOf(archived.leafIndex)).toEqual({ kind: 'archive', epoch: 0 })
    expect(tree.anchorOf(batched.leafIndex)).toEqual({ kind: 'batch', batch: 1 })
    expect(tree.latestBatchRoot).toBe(tree.batchRoot(1))
  })

  it('proves a spend of a batch-anchored note; its public signals are the JavaScript values', async () => {
    const prepared = await pay([batched], [8n, 4n], tree)
    expect(prepared.circuit).toBe('tx1')
    const { rawProof, publicSignals } = await nodeProver.prove({
      circuit: 'tx1',
      input: prepared.input,
    })
    expect(await snarkjs.groth16.verify(vkey.tx1, publicSignals, rawProof)).toBe(true)
    // batchRoot, archiveRootA, archiveRootB, publicAmount, extDataHash, inputNullifier, outputCommitment[2]
    const n0 = nullifier({ commitment: batched.commitment, nullifierKey: alice.nullifierKey })
    expect(n0).toBe(poseidon2([alice.nullifierKey, batched.commitment]))
    expect(publicSignals).toEqual([
      tree.batchRoot(1),
      tree.archiveRoot(0),
      tree.archiveRoot(0),
      0n,
      hashExtData(prepared.extData, poolId),
      n0,
      ...prepared.outputs.map((o, j) =>
        poseidon4([o.amount, o.ownerKey, o.blinding, outputRho(n0, j as 0 | 1)]),
      ),
    ])
    expect(prepared.outputs.map((o) => o.rho)).toEqual([outputRho(n0, 0), outputRho(n0, 1)])
    // A proof is bound to every public signal: change one and it no longer verifies.
    for (const i of [0, 1, 3, 4, 5, 7]) {
      const tampered = [...publicSignals]
      tampered[i] = (tampered[i]! + 1n) % FIELD_SIZE
      expect(await snarkjs.groth16.verify(vkey.tx1, tampered, rawProof), `signal ${i}`).toBe(false)
    }
  })

  it('proves a spend of an archive-anchored note (an unshield with a fee)', async () => {
    const prepared = await pay([archived], [20n, 4n], tree, {
      extAmount: -5n,
      fee: 1n,
      recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      relayer: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
    })
    const path = tree.path(archived.leafIndex)
    expect(path.anchor.kind).toBe('archive')
    const { rawProof, publicSignals } = await nodeProver.prove({
      circuit: 'tx1',
      input: prepared.input,
    })
    expect(await snarkjs.groth16.verify(vkey.tx1, publicSignals, rawProof)).toBe(true)
    // The note's batch root (batch 0) is not the one named: only the archive root holds it.
    expect(publicSignals[0]).toBe(tree.batchRoot(1))
    expect(publicSignals[0]).not.toBe(tree.batchRoot(0))
    expect(publicSignals[1]).toBe(tree.archiveRoot(0))
    expect(publicSignals[1]).toBe(path.root)
    expect(publicSignals[3]).toBe(publicAmountOf(-5n, 1n))
    expect(publicSignals[3]).toBe(FIELD_SIZE - 6n)
    expect(publicSignals[5]).toBe(
      nullifier({ commitment: archived.commitment, nullifierKey: alice.nullifierKey }),
    )
  })

  it('accepts batch- and archive-anchored inputs together (tx2), and zero-amount padding', async () => {
    const both = await pay([archived, batched], [40n, 2n], tree)
    expect(both.circuit).toBe('tx2')
    await accepted(both.input, 'tx2')
    // A zero-amount input (padding) is in no tree: its path is all zeros and is not checked.
    const blinding = 999n
    const rho = 888n
    const zeroNote = {
      amount: 0n,
      blinding,
      rho,
      leafIndex: 0,
      commitment: commitment({ amount: 0n, ownerKey: alice.ownerKey, blinding, rho }),
    }
    const padded = await pay([batchedToo, zeroNote], [5n], tree)
    const inAmount = padded.input.inAmount as bigint[]
    expect(inAmount).toContain(0n)
    expect((padded.input.inPathElements as bigint[][])[inAmount.indexOf(0n)]).toEqual(
      new Array(20).fill(0n),
    )
    await accepted(padded.input, 'tx2')
    // The same garbage path under a non-zero amount is refused.
    const real = inAmount.indexOf(5n)
    const pathElements = [...(padded.input.inPathElements as bigint[][])]
    pathElements[real] = new Array(20).fill(0n)
    await refused({ ...padded.input, inPathElements: pathElements }, 'membership', 'tx2')
  })

  it('cannot spend a note under neither root', async () => {
    const a = (await pay([archived], [20n, 10n], tree)).input
    await accepted(a)
    // Known roots (the empty epoch's, an older batch's), but not the note's.
    await refused({ ...a, archiveRootA: zeros(20), archiveRootB: zeros(20) }, 'membership')
    const b = (await pay([batched], [12n], tree)).input
    await accepted(b)
    await refused({ ...b, batchRoot: tree.batchRoot(0) }, 'membership')
    await refused({ ...b, batchRoot: zeros(5) }, 'membership')
    // A note that is not in the tree at all, with a real note's path.
    const ghost = commitment({
      amount: 30n,
      ownerKey: alice.ownerKey,
      blinding: 77n,
      rho: archived.rho,
    })
    const nGhost = nullifier({ commitment: ghost, nullifierKey: alice.nullifierKey })
    const ghostInput = { ...a, inBlinding: [77n], inputNullifier: [nGhost] }
    await refused(withOutputs(ghostInput, [20n, 10n]), 'membership')
    // A path index of 2^20 or more (same low bits) is not a position.
    await refused({ ...a, inPathIndex: [BigInt(archived.leafIndex) + (1n << 20n)] }, 'pathIndex')
  })

  it('cannot spend with a wrong nullifier key', async () => {
    const input = (await pay([archived], [20n, 10n], tree)).input
    const nullifierWith = (nk: bigint) =>
      nullifier({ commitment: archived.commitment, nullifierKey: nk })
    // Mallory's nullifier key with Alice's spending key: another owner key, so another commitment.
    const wrong = withOutputs(
      {
        ...input,
        nullifierKey: mallory.nullifierKey,
        inputNullifier: [nullifierWith(mallory.nullifierKey)],
      },
      [20n, 10n],
    )
    await refused(wrong, 'nullifier')
    // Mallory's keys altogether.
    await refused({ ...wrong, spendingKey: mallory.spendingKey }, 'nullifier')
    // The right keys, but a nullifier made with another key (a second nullifier for one note).
    await refused(
      withOutputs({ ...input, inputNullifier: [nullifierWith(mallory.nullifierKey)] }, [20n, 10n]),
      'nullifier',
    )
    // The right nullifier, but a prover who does not have nk.
    await refused({ ...input, nullifierKey: (input.nullifierKey as bigint) + 1n }, 'nullifier')
    await accepted(input)
  })

  it('cannot create an output of 2^128 or more', async () => {
    const input = (await pay([archived], [20n, 10n], tree)).input
    // The balance holds through publicAmount, so only the range check can refuse.
    const ofAmount = (amount: bigint) =>
      withOutputs({ ...input, publicAmount: (amount - 30n + FIELD_SIZE) % FIELD_SIZE }, [
        amount,
        0n,
      ])
    await accepted(ofAmount(TWO_128 - 1n))
    await refused(ofAmount(TWO_128), 'outputRange')
    await refused(ofAmount(TWO_128 + 30n), 'outputRange')
    // A hidden negative change: 40 and p - 10 sum to 30 in the field.
    await refused(withOutputs(input, [40n, FIELD_SIZE - 10n]), 'outputRange')
  })

  it('cannot create value: outputs must balance inputs and publicAmount', async () => {
    const input = (await pay([archived], [20n, 10n], tree)).input
    await accepted(withOutputs(input, [20n, 10n]))
    await accepted(withOutputs(input, [30n, 0n]))
    await refused(withOutputs(input, [21n, 10n]), 'balance')
    await refused(withOutputs(input, [20n, 9n]), 'balance')
    await refused({ ...input, publicAmount: 1n }, 'balance')
    await refused({ ...input, publicAmount: FIELD_SIZE - 1n }, 'balance')
    // Shielding 5: the outputs may hold 35, not 36.
    await accepted(withOutputs({ ...input, publicAmount: 5n }, [35n, 0n]))
    await refused(withOutputs({ ...input, publicAmount: 5n }, [36n, 0n]), 'balance')
  })

  it('cannot spend one note twice in a transaction (duplicate nullifiers in tx2)', async () => {
    const input = (await pay([batched, batchedToo], [17n], tree)).input
    await accepted(input, 'tx2')
    const first = (input.inAmount as bigint[]).indexOf(12n)
    const dup = (key: string) => {
      const values = [...(input[key] as unknown[])]
      values[1 - first] = values[first]
      return values
    }
    const twice = {
      ...input,
      inAmount: dup('inAmount'),
      inBlinding: dup('inBlinding'),
      inRho: dup('inRho'),
      inPathIndex: dup('inPathIndex'),
      inPathElements: dup('inPathElements'),
      inputNullifier: dup('inputNullifier'),
    } as Input
    await refused(withOutputs(twice, [24n, 0n]), 'distinctNullifiers', 'tx2')
    // Padding cannot repeat a nullifier either.
    const c = commitment({ amount: 0n, ownerKey: alice.ownerKey, blinding: 5n, rho: 6n })
    const n = nullifier({ commitment: c, nullifierKey: alice.nullifierKey })
    const zero = {
      ...twice,
      inAmount: [0n, 0n],
      inBlinding: [5n, 5n],
      inRho: [6n, 6n],
      inPathIndex: [0n, 0n],
      inPathElements: [new Array(20).fill(0n), new Array(20).fill(0n)],
      inputNullifier: [n, n],
      publicAmount: 17n,
    } as Input
    await refused(withOutputs(zero, [17n, 0n]), 'distinctNullifiers', 'tx2')
    // With different padding the same transaction is fine.
    const zero2 = commitment({ amount: 0n, ownerKey: alice.ownerKey, blinding: 5n, rho: 7n })
    const distinct = {
      ...zero,
      inRho: [6n, 7n],
      inputNullifier: [n, nullifier({ commitment: zero2, nullifierKey: alice.nullifierKey })],
    } as Input
    await accepted(withOutputs(distinct, [17n, 0n]), 'tx2')
  })

  it('cannot choose an output rho other than N_0 + j', async () => {
    const input = (await pay([archived], [20n, 10n], tree)).input
    const n0 = (input.inputNullifier as bigint[])[0]!
    const withRho = (rho: (j: number) => bigint) => withOutputs(input, [20n, 10n], rho)
    await accepted(withRho((j) => n0 + BigInt(j)))
    // Swapped, both N_0, shifted, or any fresh value (which would allow two equal notes).
    await refused(
      withRho((j) => n0 + 1n - BigInt(j)),
      'outputCommitment',
    )
    await refused(
      withRho(() => n0),
      'outputCommitment',
    )
    await refused(
      withRho((j) => n0 + 2n + BigInt(j)),
      'outputCommitment',
    )
    await refused(
      withRho((j) => 12345n + BigInt(j)),
      'outputCommitment',
    )
    // In tx2, rho comes from the first nullifier, not the second.
    const two = (await pay([batched, batchedToo], [17n], tree)).input
    const n1 = (two.inputNullifier as bigint[])[1]!
    await accepted(withOutputs(two, [17n, 0n]), 'tx2')
    await refused(
      withOutputs(two, [17n, 0n], (j) => n1 + BigInt(j)),
      'outputCommitment',
      'tx2',
    )
  })
})
