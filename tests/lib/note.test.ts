import { poseidon2, poseidon4 } from 'poseidon-lite'
import { describe, expect, it } from 'vitest'
import { AMOUNT_LIMIT } from '../../lib/amount.js'
import { InvalidAmountError, InvalidNoteError } from '../../lib/errors.js'
import { FIELD_SIZE, isField } from '../../lib/field.js'
import { deriveKeys } from '../../lib/keys.js'
import { commitment, createNote, nullifier, outputRho, ownerKeyOf } from '../../lib/note.js'
import vectors from '../vectors/protocol.json'

const note = {
  amount: BigInt(vectors.note.amount),
  ownerKey: BigInt(vectors.note.ownerKey),
  blinding: BigInt(vectors.note.blinding),
  rho: BigInt(vectors.note.rho),
}
const spendingKey = BigInt(vectors.keys.spendingKey)
const nullifierKey = BigInt(vectors.keys.nullifierKey)

describe('note', () => {
  it('commits with C = H4(amount, P, blinding, rho)', () => {
    const c = commitment(note)
    expect(c).toBe(poseidon4([note.amount, note.ownerKey, note.blinding, note.rho]))
    expect(c.toString()).toBe(vectors.note.commitment)
    // Each field changes the commitment, rho included.
    expect(commitment({ ...note, rho: note.rho + 1n })).not.toBe(c)
    expect(commitment({ ...note, amount: note.amount + 1n })).not.toBe(c)
    expect(commitment({ ...note, blinding: note.blinding + 1n })).not.toBe(c)
  })

  it('derives the owner key P = H2(sk, nk)', () => {
    expect(ownerKeyOf(spendingKey, nullifierKey)).toBe(poseidon2([spendingKey, nullifierKey]))
    expect(ownerKeyOf(spendingKey, nullifierKey).toString()).toBe(vectors.keys.ownerKey)
    expect(deriveKeys(vectors.keys.mnemonic).ownerKey).toBe(note.ownerKey)
  })

  it('nullifies with N = H2(nk, C), independent of any leaf position', () => {
    const c = commitment(note)
    const n = nullifier({ commitment: c, nullifierKey })
    expect(n).toBe(poseidon2([nullifierKey, c]))
    expect(n.toString()).toBe(vectors.note.nullifier)
    expect(nullifier({ commitment: c, nullifierKey: nullifierKey + 1n })).not.toBe(n)
    expect(nullifier({ commitment: c + 1n, nullifierKey })).not.toBe(n)
  })

  it('refuses a zero or oversized nullifier key and a bad commitment', () => {
    const c = commitment(note)
    expect(() => nullifier({ commitment: c, nullifierKey: 0n })).toThrow(InvalidNoteError)
    expect(() => nullifier({ commitment: c, nullifierKey: FIELD_SIZE })).toThrow(InvalidNoteError)
    expect(() => nullifier({ commitment: c, nullifierKey: -1n })).toThrow(InvalidNoteError)
    expect(() => nullifier({ commitment: FIELD_SIZE, nullifierKey })).toThrow(InvalidNoteError)
    expect(() => nullifier({ commitment: -1n, nullifierKey })).toThrow(InvalidNoteError)
  })

  it('gives output j of a transaction rho = (N_0 + j) mod p', () => {
    for (const v of vectors.rho) {
      const n0 = BigInt(v.firstNullifier)
      expect(outputRho(n0, 0)).toBe(n0)
      expect(outputRho(n0, 0).toString()).toBe(v.rho0)
      expect(outputRho(n0, 1).toString()).toBe(v.rho1)
    }
    expect(outputRho(FIELD_SIZE - 1n, 1)).toBe(0n)
    expect(outputRho(BigInt(vectors.note.creatingNullifier), 1)).toBe(note.rho)
    expect(() => outputRho(FIELD_SIZE, 0)).toThrow(InvalidNoteError)
    expect(() => outputRho(-1n, 0)).toThrow(InvalidNoteError)
  })

  it('gives two identical payments different commitments and nullifiers', () => {
    // Same amount, owner and even blinding, but created by transactions with
    // different first nullifiers: no two notes share a commitment.
    const a = { ...note, rho: outputRho(11n, 0) }
    const b = { ...note, rho: outputRho(12n, 0) }
    expect(commitment(a)).not.toBe(commitment(b))
    expect(nullifier({ commitment: commitment(a), nullifierKey })).not.toBe(
      nullifier({ commitment: commitment(b), nullifierKey }),
    )
    // The two outputs of one transaction differ by their rho too.
    expect(commitment({ ...note, rho: outputRho(11n, 1) })).not.toBe(commitment(a))
  })

  it('creates notes with a fresh random blinding', () => {
    const a = createNote({ amount: 1n, ownerKey: note.ownerKey, rho: 5n })
    const b = createNote({ amount: 1n, ownerKey: note.ownerKey, rho: 5n })
    expect(isField(a.blinding)).toBe(true)
    expect(a.blinding).not.toBe(b.blinding)
    expect(a.rho).toBe(5n)
    expect(createNote(note)).toEqual(note)
  })

  it('checks ranges: amounts below 2^128, field elements below p', () => {
    const ok = { ownerKey: note.ownerKey, blinding: 1n, rho: 2n }
    expect(AMOUNT_LIMIT).toBe(2n ** 128n)
    expect(createNote({ ...ok, amount: 0n }).amount).toBe(0n)
    expect(createNote({ ...ok, amount: AMOUNT_LIMIT - 1n }).amount).toBe(AMOUNT_LIMIT - 1n)
    expect(() => createNote({ ...ok, amount: AMOUNT_LIMIT })).toThrow(InvalidAmountError)
    expect(() => createNote({ ...ok, amount: 2n ** 248n })).toThrow(InvalidAmountError)
    expect(() => createNote({ ...ok, amount: -1n })).toThrow(InvalidAmountError)
    expect(() => createNote({ ...ok, amount: 1 as unknown as bigint })).toThrow(InvalidAmountError)
    expect(() => createNote({ ...ok, amount: 1n, ownerKey: FIELD_SIZE })).toThrow(InvalidNoteError)
    expect(() => createNote({ ...ok, amount: 1n, blinding: FIELD_SIZE })).toThrow(InvalidNoteError)
    expect(() => createNote({ ...ok, amount: 1n, rho: FIELD_SIZE })).toThrow(InvalidNoteError)
    expect(() => createNote({ ...ok, amount: 1n, rho: -1n })).toThrow(InvalidNoteError)
    expect(() => commitment({ ...ok, amount: AMOUNT_LIMIT })).toThrow(InvalidAmountError)
    expect(() => commitment({ ...ok, amount: 1n, rho: FIELD_SIZE })).toThrow(InvalidNoteError)
  })
})
