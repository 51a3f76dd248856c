import { describe, expect, it } from 'vitest'
import { InvalidFieldElementError } from '../../lib/errors.js'
import {
  assertField,
  bigIntToBytes,
  bytesToBigInt,
  FIELD_SIZE,
  fieldToHex,
  isField,
  randomFieldElement,
  toField,
} from '../../lib/field.js'

describe('field', () => {
  it('is the BN254 scalar field', () => {
    expect(FIELD_SIZE).toBe(0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001n)
  })

  it('reduces into [0, p)', () => {
    expect(toField(FIELD_SIZE)).toBe(0n)
    expect(toField(FIELD_SIZE + 5n)).toBe(5n)
    expect(toField(-1n)).toBe(FIELD_SIZE - 1n)
    expect(toField(7)).toBe(7n)
  })

  it('recognizes field elements', () => {
    expect(isField(0n)).toBe(true)
    expect(isField(FIELD_SIZE - 1n)).toBe(true)
    expect(isField(FIELD_SIZE)).toBe(false)
    expect(isField(-1n)).toBe(false)
    expect(isField(1)).toBe(false)
    expect(isField('1')).toBe(false)
    expect(() => assertField(FIELD_SIZE, 'blinding')).toThrow(InvalidFieldElementError)
    expect(() => assertField(FIELD_SIZE, 'blinding')).toThrow(/blinding/)
  })

  it('draws random field elements', () => {
    const values = new Set(Array.from({ length: 50 }, randomFieldElement))
    expect(values.size).toBe(50)
    for (const v of values) expect(isField(v)).toBe(true)
  })

  it('converts big-endian bytes both ways', () => {
    expect(bytesToBigInt(new Uint8Array())).toBe(0n)
    expect(bytesToBigInt(Uint8Array.of(1, 0))).toBe(256n)
    const bytes = bigIntToBytes(FIELD_SIZE - 1n)
    expect(bytes.length).toBe(32)
    expect(bytes[0]).toBe(0x30)
    expect(bytesToBigInt(bytes)).toBe(FIELD_SIZE - 1n)
    expect(bigIntToBytes(258n, 2)).toEqual(Uint8Array.of(1, 2))
    expect(() => bigIntToBytes(1n << 256n)).toThrow(InvalidFieldElementError)
    expect(() => bigIntToBytes(-1n)).toThrow(InvalidFieldElementError)
  })

  it('formats bytes32 hex', () => {
    expect(fieldToHex(1n)).toBe(`0x${'0'.repeat(63)}1`)
    expect(() => fieldToHex(FIELD_SIZE)).toThrow(InvalidFieldElementError)
  })
})
