import { type Address, bytesToHex, zeroAddress } from 'viem'
import { type CircuitName, circuitForInputs } from '../circuits.js'
import { type PoolTree, TREE_LEVELS } from '../epochTree.js'
import { InvalidAmountError, InvalidNoteError, TreeMismatchError } from '../errors.js'
import { randomFieldElement } from '../field.js'
import { encryptHistory, type HistoryRecord } from '../historyRecord.js'
import { commitment, nullifier, outputRho } from '../note.js'
import { encryptNote } from '../noteEncryption.js'
import { chooseRoots } from './chooseRoots.js'
import { type ExtData, hashExtData, type PoolId, publicAmountOf } from './extData.js'

const MAX_AMOUNT = 1n << 128n

/** A note the wallet owns and can spend. */
export type SpendableNote = {
  amount: bigint
  blinding: bigint
  rho: bigint
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
export type CreatedOutput = OutputRequest & { blinding: bigint; rho: bigint; commitment: bigint }

/** The keys a transaction is built and proven with. */
export type TransactionKeys = {
  spendingKey: bigint
  nullifierKey: bigint
  ownerKey: bigint
  /** Where padding outputs and change go (ourselves, so they look like any other). */
  viewingKey: { publicKey: Uint8Array }
  outgoingKey: Uint8Array
}

export type BuildTransactionParameters = {
  keys: TransactionKeys
  /** The pool and chain the proof is bound to. */
  poolId: PoolId
  inputs: readonly SpendableNote[]
  /** One or two outputs; a single one is padded with a zero-amount output to ourselves. */
  outputs: readonly OutputRequest[]
  /** The sender's record, sealed into the transaction for its own history. */
  history: HistoryRecord
  tree: PoolTree
  extAmount?: bigint
  fee?: bigint
  recipient?: Address
  relayer?: Address
  /** Randomness source for blindings and shuffles; tests may pin it. */
  random?: () => bigint
}

/** The public signals, in the circuits' order. */
export type PublicInputs = {
  batchRoot: bigint
  archiveRootA: bigint
  archiveRootB: bigint
  publicAmount: bigint
  extDataHash: bigint
  inputNullifiers: bigint[]
  outputCommitments: [bigint, bigint]
}

/** Everything needed to prove and submit a transaction. */
export type PreparedTransaction = {
  circuit: CircuitName
  /** Circuit input signals (private and public), ready for the prover. */
  input: Record<string, bigint | bigint[] | bigint[][]>
  extData: ExtData
  publicInputs: PublicInputs
  /** The outputs in on-chain order (after shuffling). */
  outputs: [CreatedOutput, CreatedOutput]
  /** The real notes spent (padding excluded). */
  spent: SpendableNote[]
}

/**
 * Builds a transaction: pads inputs to the smallest circuit that fits, pads
 * outputs to two, picks the roots, encrypts the outputs and the history
 * record, binds the external data to the pool and computes every circuit
 * input. Checks value balance before any proving happens.
 */
export async function buildTransaction(
  params: BuildTransactionParameters,
): Promise<PreparedTransaction> {
  const { keys, tree, inputs } = params
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
  const real = inputs.filter((n) => n.amount > 0n)
  const paths = real.map((note) => {
    if (tree.leaf(note.leafIndex) !== note.commitment)
      throw new TreeMismatchError(`Note at leaf ${note.leafIndex} is not in the local tree.`)
    return tree.path(note.leafIndex)
  })
  const roots = chooseRoots(
    tree,
    paths.map((p) => p.anchor),
  )

  const padded = inputs.map((note) => {
    const i = real.indexOf(note)
    return i < 0
      ? { ...note, pathElements: zeroPath(), pathIndex: 0 }
      : { ...note, pathElements: paths[i]!.pathElements, pathIndex: paths[i]!.pathIndex }
  })
  while (padded.length < circuit.inputs) {
    const blinding = random()
    const rho = random()
    const c = commitment({ amount: 0n, ownerKey: keys.ownerKey, blinding, rho })
    padded.push({
      amount: 0n,
      blinding,
      rho,
      leafIndex: 0,
      commitment: c,
      pathElements: zeroPath(),
      pathIndex: 0,
    })
  }
  shuffle(padded, random)
  const inputNullifiers = padded.map((n) =>
    nullifier({ commitment: n.commitment, nullifierKey: keys.nullifierKey }),
  )
  const firstNullifier = inputNullifiers[0]!

  const requested: OutputRequest[] = [...params.outputs]
  if (requested.length === 1)
    requested.push({
      amount: 0n,
      ownerKey: keys.ownerKey,
      viewingPublicKey: keys.viewingKey.publicKey,
    })
  shuffle(requested, random)
  const outputs = requested.map((o, j) => {
    const blinding = random()
    const rho = outputRho(firstNullifier, j as 0 | 1)
    return {
      ...o,
      blinding,
      rho,
      commitment: commitment({ amount: o.amount, ownerKey: o.ownerKey, blinding, rho }),
    }
  }) as [CreatedOutput, CreatedOutput]

  const [enc1, enc2, history] = await Promise.all([
    ...outputs.map((o) =>
      encryptNote({
        note: { amount: o.amount, blinding: o.blinding, ...(o.memo ? { memo: o.memo } : {}) },
        viewingPublicKey: o.viewingPublicKey,
      }),
    ),
    encryptHistory({ record: params.history, outgoingKey: keys.outgoingKey, firstNullifier }),
  ])
  const extData: ExtData = {
    recipient: params.recipient ?? zeroAddress,
    extAmount,
    relayer: params.relayer ?? zeroAddress,
    fee,
    encryptedOutput1: bytesToHex(enc1!),
    encryptedOutput2: bytesToHex(enc2!),
    encryptedHistory: bytesToHex(history!),
  }
  const extDataHash = hashExtData(extData, params.poolId)
  const publicAmount = publicAmountOf(extAmount, fee)
  const outputCommitments: [bigint, bigint] = [outputs[0].commitment, outputs[1].commitment]

  return {
    circuit: circuit.name,
    input: {
      batchRoot: roots.batchRoot,
      archiveRootA: roots.archiveRootA,
      archiveRootB: roots.archiveRootB,
      publicAmount,
      extDataHash,
      inputNullifier: inputNullifiers,
      outputCommitment: outputCommitments,
      spendingKey: keys.spendingKey,
      nullifierKey: keys.nullifierKey,
      inAmount: padded.map((n) => n.amount),
      inBlinding: padded.map((n) => n.blinding),
      inRho: padded.map((n) => n.rho),
      inPathIndex: padded.map((n) => BigInt(n.pathIndex)),
      inPathElements: padded.map((n) => n.pathElements),
      outAmount: outputs.map((o) => o.amount),
      outPubkey: outputs.map((o) => o.ownerKey),
      outBlinding: outputs.map((o) => o.blinding),
    },
    extData,
    publicInputs: { ...roots, publicAmount, extDataHash, inputNullifiers, outputCommitments },
    outputs,
    spent: real,
  }
}

function zeroPath(): bigint[] {
  return new Array<bigint>(TREE_LEVELS).fill(0n)
}

/** Fisher-Yates with the transaction's randomness, so padding sits anywhere. */
function shuffle<T>(items: T[], random: () => bigint) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Number(random() % BigInt(i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
}
