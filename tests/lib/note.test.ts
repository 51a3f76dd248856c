import { poseidon3 } from 'poseidon-lite'
import { describe, expect, it } from 'vitest'
import { AMOUNT_LIMIT } from '../../lib/amount.js'
import { InvalidAmountError, InvalidNoteError } from '../../lib/errors.js'
import { FIELD_SIZE, isField } from '../../lib/field.js'
import { commitment, createNote, nullifier } from '../../lib/note.js'
import vectors from '../vectors/protocol.json'

const note = {
  amount: BigInt(vectors.note.amount),
  ownerKey: BigInt(vectors.note.ownerKey),
  blinding: BigInt(vectors.note.blinding),
}
const spendingKey = BigInt(vectors.keys.spendingKey)

describe('note', () => {
  it('commits with C = H3(amount, P, blinding)', () => {
    const c = commitment(note)
    expect(c).toBe(poseidon3([note.amount, note.ownerKey, note.blinding]))
    expect(c.toString()).toBe(vectors.note.commitment)
  })

  it('nullifies with N = H3(sk, C, leafIndex)', () => {
    const c = commitment(note)
    const n = nullifier({ commitment: c, leafIndex: 5, spendingKey })
    expect(n).toBe(poseidon3([spendingKey, c, 5n]))
    expect(n.toString()).toBe(vectors.note.nullifier)
    expect(nullifier({ commitment: c, leafIndex: 5n, spendingKey })).toBe(n)
    expect(nullifier({ commitment: c, leafIndex: 6, spendingKey })).not.toBe(n)
    expect(nullifier({ commitment: c, leafIndex: 5, spendingKey: spendingKey + 1n })).not.toBe(n)
  })

  it.each([-1, 2 ** 20, 1.5, Number.NaN, -1n, 2n ** 20n])('refuses leaf index %s', (leafIndex) => {
    const c = commitment(note)
    expect(() => nullifier({ commitment: c, leafIndex, spendingKey })).toThrow(InvalidNoteError)
  })

  it('accepts the last leaf index', () => {
    const c = commitment(note)
    expect(isField(nullifier({ commitment: c, leafIndex: 2 ** 20 - 1, spendingKey }))).toBe(true)
  })

  it('refuses a zero or oversized spending key and a bad commitment', () => {
    const c = commitment(note)
    expect(() => nullifier({ commitment: c, leafIndex: 0, spendingKey: 0n })).toThrow(
      InvalidNoteError,
    )
    expect(() => nullifier({ commitment: c, leafIndex: 0, spendingKey: FIELD_SIZE })).toThrow(
      InvalidNoteError,
    )
    expect(() => nullifier({ commitment: FIELD_SIZE, leafIndex: 0, spendingKey })).toThrow(
      InvalidNoteError,
    )
  })

  it('creates notes with a fresh random blinding', () => {
    const a = createNote({ amount: 1n, ownerKey: note.ownerKey })
    const b = createNote({ amount: 1n, ownerKey: note.ownerKey })
    expect(isField(a.blinding)).toBe(true)
    expect(a.blinding).not.toBe(b.blinding)
    expect(createNote(note)).toEqual(note)
  })

  it('checks ranges', () => {
    const ok = { ownerKey: note.ownerKey, blinding: 1n }
    expect(createNote({ ...ok, amount: 0n }).amount).toBe(0n)
    expect(createNote({ ...ok, amount: AMOUNT_LIMIT - 1n }).amount).toBe(AMOUNT_LIMIT - 1n)
    expect(() => createNote({ ...ok, amount: AMOUNT_LIMIT })).toThrow(InvalidAmountError)
    expect(() => createNote({ ...ok, amount: -1n })).toThrow(InvalidAmountError)
    expect(() => createNote({ ...ok, amount: 1 as unknown as bigint })).toThrow(InvalidAmountError)
    expect(() => createNote({ ...ok, amount: 1n, ownerKey: FIELD_SIZE })).toThrow(InvalidNoteError)
    expect(() => createNote({ ...ok, amount: 1n, blinding: FIELD_SIZE })).toThrow(InvalidNoteError)
    expect(() => commitment({ ...ok, amount: AMOUNT_LIMIT })).toThrow(InvalidAmountError)
  })
})
