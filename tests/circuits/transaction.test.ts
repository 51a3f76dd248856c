import * as snarkjs from 'snarkjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_TREE_DEPTH } from '../../lib/circuits.js'
import { FIELD_SIZE } from '../../lib/field.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { MerkleTree } from '../../lib/merkleTree.js'
import { loadVerificationKey } from '../../lib/node/loadCircuitArtifacts.js'
import { commitment, nullifier } from '../../lib/note.js'
import { hash3 } from '../../lib/poseidon.js'
import { buildTransaction, type SpendableNote } from '../../lib/transaction/buildTransaction.js'
import { nodeProver } from '../helpers/prover.js'

const alice = deriveKeys(generateMnemonic())
const mallory = deriveKeys(generateMnemonic())

/** A tree of 10 leaves in which Alice owns notes of 30 and 12 at leaves 4 and 7. */
function aliceTree() {
  const notes: SpendableNote[] = []
  const leaves: bigint[] = []
  for (let i = 0; i < 10; i++) {
    const amount = i === 4 ? 30n : i === 7 ? 12n : BigInt(i + 100)
    const blinding = BigInt(1000 + i)
    const c = commitment({
      amount,
      ownerKey: i === 4 || i === 7 ? alice.ownerKey : mallory.ownerKey,
      blinding,
    })
    leaves.push(c)
    if (i === 4 || i === 7) notes.push({ amount, blinding, leafIndex: i, commitment: c })
  }
  return { tree: new MerkleTree(leaves), notes: notes as [SpendableNote, SpendableNote] }
}

function pay(inputs: SpendableNote[], amounts: [bigint, bigint], tree: MerkleTree) {
  return buildTransaction({
    spendingKey: alice.spendingKey,
    ownerKey: alice.ownerKey,
    viewingPublicKey: alice.viewingKey.publicKey,
    inputs,
    outputs: amounts.map((amount) => ({
      amount,
      ownerKey: mallory.ownerKey,
      viewingPublicKey: mallory.viewingKey.publicKey,
    })),
    tree,
  })
}

const proveFails = (input: Record<string, unknown>, circuit: 'tx1' | 'tx2' | 'tx8' = 'tx1') =>
  expect(nodeProver.prove({ circuit, input })).rejects.toMatchObject({ code: 'proof_failed' })

describe('transaction circuit', () => {
  const { tree, notes } = aliceTree()
  let vkey: unknown
  beforeAll(async () => {
    vkey = await loadVerificationKey('tx1')
  })

  it('proves a valid spend whose public signals equal the JavaScript formulas', async () => {
    const prepared = await pay([notes[0]], [20n, 10n], tree)
    const { rawProof, publicSignals } = await nodeProver.prove({
      circuit: 'tx1',
      input: prepared.input,
    })
    expect(await snarkjs.groth16.verify(vkey, publicSignals, rawProof)).toBe(true)
    // Circuit = JavaScript: root, nullifier and commitments come out as lib/ computes them.
    const expectedNullifier = nullifier({
      commitment: notes[0].commitment,
      leafIndex: 4,
      spendingKey: alice.spendingKey,
    })
    expect(publicSignals[0]).toBe(tree.root)
    expect(publicSignals[3]).toBe(expectedNullifier)
    expect(publicSignals.slice(4)).toEqual(prepared.publicInputs.outputCommitments)
    // A tampered public signal does not verify.
    const tampered = [...publicSignals]
    tampered[2] = (tampered[2]! + 1n) % FIELD_SIZE
    expect(await snarkjs.groth16.verify(vkey, tampered, rawProof)).toBe(false)
  })

  it('cannot spend with the wrong spending key', async () => {
    const prepared = await pay([notes[0]], [20n, 10n], tree)
    const input = {
      ...prepared.input,
      spendingKey: mallory.spendingKey,
      inputNullifier: [
        nullifier({
          commitment: notes[0].commitment,
          leafIndex: 4,
          spendingKey: mallory.spendingKey,
        }),
      ],
    }
    await proveFails(input)
  })

  it('cannot spend a note that is not in the tree', async () => {
    const blinding = 77n
    const ghost = {
      amount: 30n,
      blinding,
      leafIndex: 4,
      commitment: commitment({ amount: 30n, ownerKey: alice.ownerKey, blinding }),
    }
    const prepared = await pay([notes[0]], [20n, 10n], tree)
    const input = {
      ...prepared.input,
      inBlinding: [ghost.blinding],
      inputNullifier: [
        nullifier({ commitment: ghost.commitment, leafIndex: 4, spendingKey: alice.spendingKey }),
      ],
    }
    await proveFails(input)
  })

  it('cannot create value: outputs must balance inputs', async () => {
    const prepared = await pay([notes[0]], [20n, 10n], tree)
    const outAmount = [21n, 10n]
    const outBlinding = prepared.input.outBlinding as bigint[]
    const outPubkey = prepared.input.outPubkey as bigint[]
    const outputCommitment = outAmount.map((amount, i) =>
      commitment({ amount, ownerKey: outPubkey[i]!, blinding: outBlinding[i]! }),
    )
    await proveFails({ ...prepared.input, outAmount, outputCommitment })
  })

  it('cannot hide a negative change: output amounts are below 2^248', async () => {
    const prepared = await pay([notes[0]], [20n, 10n], tree)
    // 40 and p - 10 sum to 30 in the field, but p - 10 is not an amount.
    const outAmount = [40n, FIELD_SIZE - 10n]
    const outBlinding = prepared.input.outBlinding as bigint[]
    const outPubkey = prepared.input.outPubkey as bigint[]
    // lib/ refuses such a note; the forger hashes it by hand.
    const outputCommitment = outAmount.map((amount, i) =>
      hash3(amount, outPubkey[i]!, outBlinding[i]!),
    )
    await proveFails({ ...prepared.input, outAmount, outputCommitment })
  })

  it('cannot claim a leaf index beyond the tree depth (a second nullifier for one note)', async () => {
    const prepared = await pay([notes[0]], [20n, 10n], tree)
    const index = 4 + (1 << 10) // same path below depth 4, a different index above it
    const input = {
      ...prepared.input,
      inPathIndex: [BigInt(index)],
      inputNullifier: [
        nullifier({
          commitment: notes[0].commitment,
          leafIndex: index,
          spendingKey: alice.spendingKey,
        }),
      ],
    }
    await proveFails(input)
  })

  it('cannot use a depth outside 1..20', async () => {
    const prepared = await pay([notes[0]], [20n, 10n], tree)
    await proveFails({ ...prepared.input, depth: 0n })
    await proveFails({ ...prepared.input, depth: BigInt(MAX_TREE_DEPTH + 1) })
  })

  it('cannot spend one note twice in a transaction', async () => {
    const prepared = await pay([notes[0], notes[1]], [30n, 12n], tree)
    const input = prepared.input
    const first = (input.inAmount as bigint[]).indexOf(30n)
    const second = 1 - first
    const dup = (k: string) => {
      const values = [...(input[k] as unknown[])]
      values[second] = values[first]
      return values
    }
    const outAmount = [30n, 30n]
    const outBlinding = input.outBlinding as bigint[]
    const outPubkey = input.outPubkey as bigint[]
    await proveFails(
      {
        ...input,
        inAmount: dup('inAmount'),
        inBlinding: dup('inBlinding'),
        inPathIndex: dup('inPathIndex'),
        inPathElements: dup('inPathElements'),
        inputNullifier: dup('inputNullifier'),
        outAmount,
        outputCommitment: outAmount.map((amount, i) =>
          commitment({ amount, ownerKey: outPubkey[i]!, blinding: outBlinding[i]! }),
        ),
      },
      'tx2',
    )
  })
})
