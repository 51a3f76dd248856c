/**
 * The background's choice of notes respects where they sit in the pool: one
 * proof names one unfolded batch and two epochs, so a pick across two
 * unfolded batches must be replaced by one that fits (it used to be reserved
 * and then fail with "Not enough shielded balance").
 */
import { describe, expect, it } from 'vitest'
import { chooseMergeInputs, chooseSpendInputs, noFees } from '../../background/selectInputs.js'
import { InsufficientBalanceError } from '../../lib/errors.js'

type TestNote = { id: string; amount: bigint; batch: number }

const note = (id: string, amount: bigint, batch: number): TestNote => ({ id, amount, batch })
/** At most one batch among the notes, as `anchorsFit` has it for unfolded batches. */
const oneBatch = (notes: readonly TestNote[]) => new Set(notes.map((n) => n.batch)).size <= 1
const ids = (notes: readonly TestNote[]) => notes.map((n) => n.id).sort()

describe('chooseSpendInputs with a fit rule', () => {
  const notes = [note('a', 10n, 0), note('b', 10n, 0), note('c', 10n, 1), note('d', 4n, 1)]

  it('keeps the best pair when it fits', () => {
    const choice = chooseSpendInputs(notes, 14n, noFees, oneBatch)
    expect(ids(choice.notes)).toEqual(['c', 'd'])
    expect(choice.circuit).toBe('tx2')
  })

  it('replaces a pair across two batches with one inside a batch', () => {
    // Unconstrained, the smallest covering pair is a + c: one note in each batch.
    const unconstrained = chooseSpendInputs(notes, 19n, noFees)
    expect(oneBatch(unconstrained.notes)).toBe(false)
    const choice = chooseSpendInputs(notes, 19n, noFees, oneBatch)
    expect(ids(choice.notes)).toEqual(['a', 'b'])
    expect(oneBatch(choice.notes)).toBe(true)
  })

  it('says the balance is short when no fitting set covers the amount', () => {
    // 24 is there in total, but only across the two batches.
    expect(() => chooseSpendInputs(notes, 24n, noFees, oneBatch)).toThrow(InsufficientBalanceError)
    expect(chooseSpendInputs(notes, 24n, noFees).notes.length).toBe(3)
  })
})

describe('chooseMergeInputs with a fit rule', () => {
  it('merges only notes that fit together', () => {
    const notes = [note('a', 1n, 0), note('b', 2n, 1), note('c', 3n, 0), note('d', 4n, 1)]
    const choice = chooseMergeInputs(notes, noFees, oneBatch)
    expect(ids(choice.notes)).toEqual(['a', 'c'])
    expect(choice.circuit).toBe('tx2')
  })
})
