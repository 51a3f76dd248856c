import { type CircuitName, circuitForInputs, circuits, MAX_INPUTS } from '../lib/circuits.js'
import { InvalidAmountError, InvalidNoteError } from '../lib/errors.js'
import { selectNotes } from '../lib/transaction/selectNotes.js'

/** The fee a spend pays for each circuit (all zero without a relayer). */
export type Fees = Record<CircuitName, bigint>

export const noFees: Fees = { tx1: 0n, tx2: 0n, tx8: 0n }

export type InputChoice<note> = { notes: note[]; fee: bigint; circuit: CircuitName }

/**
 * The notes a send or unshield of `amount` spends, with the fee for the
 * circuit they need: the fee depends on the circuit and the circuit on how
 * many notes amount plus fee takes, so try the fee of each circuit, smallest
 * first, until the notes fit it. Throws lib's `InsufficientBalanceError` or
 * `TooManyInputsError` (merge first).
 */
export function chooseSpendInputs<note extends { amount: bigint }>(
  notes: readonly note[],
  amount: bigint,
  fees: Fees,
): InputChoice<note> {
  for (const circuit of circuits) {
    const chosen = selectNotes(notes, amount + fees[circuit.name])
    const needed = circuitForInputs(chosen.length)
    if (needed.inputs <= circuit.inputs) {
      // The smaller circuit's fee, when the notes still cover it.
      const fee = smaller(fees[needed.name], fees[circuit.name])
      // What `prepareTransfer` picks from exactly these notes for that fee.
      return { notes: selectNotes(chosen, amount + fee), fee, circuit: needed.name }
    }
  }
  // The largest circuit's fee is the last one tried, so selectNotes threw already.
  throw new InvalidAmountError('No circuit fits this payment.')
}

/** The smallest notes (up to 8), merged into one; its fee comes out of them. */
export function chooseMergeInputs<note extends { amount: bigint }>(
  notes: readonly note[],
  fees: Fees,
): InputChoice<note> {
  const chosen = [...notes]
    .sort((a, b) => (a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0))
    .slice(0, MAX_INPUTS)
  if (chosen.length < 2)
    throw new InvalidNoteError('There is nothing to merge: fewer than two notes.')
  const circuit = circuitForInputs(chosen.length).name
  const total = chosen.reduce((sum, n) => sum + n.amount, 0n)
  if (total <= fees[circuit])
    throw new InvalidAmountError('The notes to merge do not cover the fee.')
  return { notes: chosen, fee: fees[circuit], circuit }
}

function smaller(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}
