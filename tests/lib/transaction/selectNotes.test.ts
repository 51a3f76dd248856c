import { describe, expect, it } from 'vitest'
import { circuitForInputs } from '../../../lib/circuits.js'
import { selectNotes } from '../../../lib/transaction/selectNotes.js'

const notes = (...amounts: number[]) => amounts.map((a, i) => ({ id: i, amount: BigInt(a) }))
const picked = (selected: { amount: bigint }[]) =>
  selected.map((n) => Number(n.amount)).sort((a, b) => a - b)

describe('selectNotes', () => {
  it('picks the smallest single note that covers the amount (the 1-input circuit)', () => {
    expect(picked(selectNotes(notes(5, 50, 12, 30), 11n))).toEqual([12])
    expect(circuitForInputs(1).name).toBe('tx1')
  })

  it('picks the pair with the smallest sum that covers it when no note does', () => {
    expect(picked(selectNotes(notes(9, 4, 15, 19), 23n))).toEqual([4, 19])
    expect(circuitForInputs(2).name).toBe('tx2')
  })

  it('takes the largest notes first when more than two are needed', () => {
    expect(picked(selectNotes(notes(1, 1, 1, 1, 1, 3, 3), 9n))).toEqual([1, 1, 1, 3, 3])
    expect(circuitForInputs(5).name).toBe('tx8')
  })

  it('refuses when the balance is short, with a typed error', () => {
    expect(() => selectNotes(notes(1, 2), 4n)).toThrow(
      expect.objectContaining({ code: 'insufficient_balance' }),
    )
  })

  it('refuses more than eight notes and asks for a merge', () => {
    expect(() => selectNotes(notes(...new Array(10).fill(1)), 9n)).toThrow(
      expect.objectContaining({ code: 'too_many_inputs' }),
    )
    expect(() => circuitForInputs(9)).toThrow(expect.objectContaining({ code: 'too_many_inputs' }))
  })

  it('spends nothing for nothing', () => {
    expect(selectNotes(notes(1), 0n)).toEqual([])
  })
})
