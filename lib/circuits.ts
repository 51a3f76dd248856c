import { TooManyInputsError } from './errors.js'

/** Levels of every membership path in the circuits (the tree's maximum depth). */
export const MAX_TREE_DEPTH = 20
/** Levels of a batch: the circuits compare the node at this height with `batchRoot`. */
export const BATCH_LEVELS = 5

/** The transaction circuits, smallest first; each has 2 outputs. */
export const circuits = [
  { name: 'tx1', inputs: 1 },
  { name: 'tx2', inputs: 2 },
  { name: 'tx8', inputs: 8 },
] as const

export type CircuitName = (typeof circuits)[number]['name']

/** Largest input count any circuit takes. */
export const MAX_INPUTS = 8

/** The smallest circuit with room for `inputCount` real inputs. */
export function circuitForInputs(inputCount: number): (typeof circuits)[number] {
  const circuit = circuits.find((c) => c.inputs >= Math.max(1, inputCount))
  if (!circuit)
    throw new TooManyInputsError(
      `A transaction spends at most ${MAX_INPUTS} notes, not ${inputCount}.`,
    )
  return circuit
}
