import { type CircuitName, circuitForInputs, circuits, MAX_INPUTS } from '../lib/circuits.js'
import { InvalidAmountError, InvalidNoteError } from '../lib/errors.js'
import { selectNotes } from '../lib/transaction/selectNotes.js'

/** The fee a spend pays for each circuit (all zero without a relayer). */
export type Fees = Record<CircuitName, bigint>

export const noFees: Fees = { tx1: 0n, tx2: 0n, tx8: 0n }

export type InputChoice<note> = { notes: note[]; fee: bigint; circuit: CircuitName }

/**
 * Whether these notes can be spent in one transaction: a proof names one
 * unfolded batch and two epochs (lib's `anchorsFit` over the pool's tree).
 */
export type NotesFit<note> = (notes: readonly note[]) => boolean

const always = () => true

/**
 * `selectNotes`, kept to notes one transaction can spend together: when the
 * best pick spans too many parts of the pool, pick again among the largest
 * notes that fit with each other (only ever short across a batch or epoch
 * boundary, until the batch is folded).
 */
function selectFitting<note extends { amount: bigint }>(
  notes: readonly note[],
  target: bigint,
  fits: NotesFit<note>,
): note[] {
  const chosen = selectNotes(notes, target)
  if (fits(chosen)) return chosen
  const kept: note[] = []
  for (const n of [...notes].sort((a, b) =>
    a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : 0,
  ))
    if (fits([...kept, n])) kept.push(n)
  return selectNotes(kept, target)
}

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
  fits: NotesFit<note> = always,
): InputChoice<note> {
  for (const circuit of circuits) {
    const chosen = selectFitting(notes, amount + fees[circuit.name], fits)
    const needed = circuitForInputs(chosen.length)
    if (needed.inputs <= circuit.inputs) {
      // The smaller circuit's fee, when the notes still cover it.
      const fee = smaller(fees[needed.name], fees[circuit.name])
      // What `prepareTransfer` picks from exactly these notes for that fee.
      return { notes: selectFitting(chosen, amount + fee, fits), fee, circuit: needed.name }
    }
  }
  // The largest circuit's fee is the last one tried, so selectNotes threw already.
  throw new InvalidAmountError('No circuit fits this payment.')
}

/** The smallest notes (up to 8) that fit together, merged into one; its fee comes out of them. */
export function chooseMergeInputs<note extends { amount: bigint }>(
  notes: readonly note[],
  fees: Fees,
  fits: NotesFit<note> = always,
): InputChoice<note> {
  const chosen: note[] = []
  for (const n of [...notes].sort((a, b) =>
    a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0,
  ))
    if (chosen.length < MAX_INPUTS && fits([...chosen, n])) chosen.push(n)
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
