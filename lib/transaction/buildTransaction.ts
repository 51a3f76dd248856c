import { type Address, bytesToHex, zeroAddress } from 'viem'
import { type CircuitName, circuitForInputs, MAX_TREE_DEPTH } from '../circuits.js'
import { InvalidAmountError, InvalidNoteError, TreeMismatchError } from '../errors.js'
import { randomFieldElement } from '../field.js'
import type { MerkleTree } from '../merkleTree.js'
import { commitment, nullifier } from '../note.js'
import { encryptNote } from '../noteEncryption.js'
import { type ExtData, hashExtData, publicAmountOf } from './extData.js'

const MAX_AMOUNT = 1n << 248n

/** A note the wallet owns and can spend. */
export type SpendableNote = {
  amount: bigint
  blinding: bigint
  leafIndex: number
  commitment: bigint
}

/** A note to create: its owner's key and viewing key (from their shielded address). */
export type OutputRequest = {
  amount: bigint
  ownerKey: bigint
  viewingPublicKey: Uint8Array
  memo?: string
}

/** An output as created, with what its recipient needs for a receipt. */
export type CreatedOutput = OutputRequest & { blinding: bigint; commitment: bigint }

export type BuildTransactionParameters = {
  spendingKey: bigint
  ownerKey: bigint
  /** Viewing key for padding outputs (sent to ourselves, so they look like any other). */
  viewingPublicKey: Uint8Array
  inputs: readonly SpendableNote[]
  /** One or two outputs; a single one is padded with a zero-amount output to ourselves. */
  outputs: readonly OutputRequest[]
  tree: MerkleTree
  extAmount?: bigint
  fee?: bigint
  recipient?: Address
  relayer?: Address
  /** Randomness source for blindings and shuffles; tests may pin it. */
  random?: () => bigint
}

/** Everything needed to prove and submit a transaction. */
export type PreparedTransaction = {
  circuit: CircuitName
  /** Circuit input signals (private and public), ready for the prover. */
  input: Record<string, bigint | bigint[] | bigint[][]>
  extData: ExtData
  publicInputs: {
    root: bigint
    publicAmount: bigint
    extDataHash: bigint
    inputNullifiers: bigint[]
    outputCommitments: [bigint, bigint]
  }
  /** The outputs in on-chain order (after shuffling). */
  outputs: [CreatedOutput, CreatedOutput]
  /** The real notes spent (padding excluded). */
  spent: SpendableNote[]
}

/**
 * Builds a transaction: pads inputs to the smallest circuit that fits, pads
 * outputs to two, encrypts the outputs, binds the external data and computes
 * every circuit input. Checks value balance before any proving happens.
 */
export async function buildTransaction(
  params: BuildTransactionParameters,
): Promise<PreparedTransaction> {
  const { spendingKey, ownerKey, tree, inputs } = params
  const extAmount = params.extAmount ?? 0n
  const fee = params.fee ?? 0n
  const random = params.random ?? randomFieldElement

  if (params.outputs.length < 1 || params.outputs.length > 2)
    throw new InvalidNoteError(
      `A transaction has one or two outputs, not ${params.outputs.length}.`,
    )
  if (fee < 0n || fee >= MAX_AMOUNT) throw new InvalidAmountError('The fee is out of range.')
  if (extAmount <= -MAX_AMOUNT || extAmount >= MAX_AMOUNT)
    throw new InvalidAmountError('The shielded or unshielded amount is out of range.')
  for (const o of params.outputs)
    if (o.amount < 0n || o.amount >= MAX_AMOUNT)
      throw new InvalidAmountError('An output amount is out of range.')

  const sumIns = inputs.reduce((s, n) => s + n.amount, 0n)
  const sumOuts = params.outputs.reduce((s, o) => s + o.amount, 0n)
  if (sumIns + extAmount - fee !== sumOuts)
    throw new InvalidAmountError('Inputs and outputs do not balance.', {
      details: `inputs ${sumIns} + extAmount ${extAmount} - fee ${fee} != outputs ${sumOuts}`,
    })

  const circuit = circuitForInputs(inputs.length)
  const root = tree.root
  const depth = tree.depth

  const realInputs = inputs.map((note) => {
    if (note.amount > 0n) {
      const path = tree.path(note.leafIndex)
      if (tree.leaves[note.leafIndex] !== note.commitment)
        throw new TreeMismatchError(`Note at leaf ${note.leafIndex} is not in the local tree.`)
      return { ...note, pathElements: path.pathElements }
    }
    return { ...note, pathElements: zeroPath() }
  })
  while (realInputs.length < circuit.inputs) {
    const blinding = random()
    const c = commitment({ amount: 0n, ownerKey, blinding })
    realInputs.push({ amount: 0n, blinding, leafIndex: 0, commitment: c, pathElements: zeroPath() })
  }
  shuffle(realInputs, random)

  const requested: OutputRequest[] = [...params.outputs]
  if (requested.length === 1)
    requested.push({ amount: 0n, ownerKey, viewingPublicKey: params.viewingPublicKey })
  shuffle(requested, random)
  const outputs = requested.map((o) => {
    const blinding = random()
    return {
      ...o,
      blinding,
      commitment: commitment({ amount: o.amount, ownerKey: o.ownerKey, blinding }),
    }
  }) as [CreatedOutput, CreatedOutput]

  const [enc1, enc2] = await Promise.all(
    outputs.map((o) =>
      encryptNote({
        note: { amount: o.amount, blinding: o.blinding, ...(o.memo ? { memo: o.memo } : {}) },
        viewingPublicKey: o.viewingPublicKey,
      }),
    ),
  )
  const extData: ExtData = {
    recipient: params.recipient ?? zeroAddress,
    extAmount,
    relayer: params.relayer ?? zeroAddress,
    fee,
    encryptedOutput1: bytesToHex(enc1!),
    encryptedOutput2: bytesToHex(enc2!),
  }
  const extDataHash = hashExtData(extData)
  const publicAmount = publicAmountOf(extAmount, fee)
  const inputNullifiers = realInputs.map((n) =>
    nullifier({ commitment: n.commitment, leafIndex: n.leafIndex, spendingKey }),
  )
  const outputCommitments: [bigint, bigint] = [outputs[0].commitment, outputs[1].commitment]

  return {
    circuit: circuit.name,
    input: {
      root,
      publicAmount,
      extDataHash,
      inputNullifier: inputNullifiers,
      outputCommitment: outputCommitments,
      spendingKey,
      depth: BigInt(depth),
      inAmount: realInputs.map((n) => n.amount),
      inBlinding: realInputs.map((n) => n.blinding),
      inPathIndex: realInputs.map((n) => BigInt(n.leafIndex)),
      inPathElements: realInputs.map((n) => n.pathElements),
      outAmount: outputs.map((o) => o.amount),
      outPubkey: outputs.map((o) => o.ownerKey),
      outBlinding: outputs.map((o) => o.blinding),
    },
    extData,
    publicInputs: { root, publicAmount, extDataHash, inputNullifiers, outputCommitments },
    outputs,
    spent: inputs.filter((n) => n.amount > 0n),
  }
}

function zeroPath(): bigint[] {
  return new Array<bigint>(MAX_TREE_DEPTH).fill(0n)
}

/** Fisher-Yates with the transaction's randomness, so padding sits anywhere. */
function shuffle<T>(items: T[], random: () => bigint) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Number(random() % BigInt(i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
}
