import { describe, expect, it } from 'vitest'
import { InvalidFieldElementError } from '../../lib/errors.js'
import { FIELD_SIZE } from '../../lib/field.js'
import * as poseidon from '../../lib/poseidon.js'
import { hash2, hash4 } from '../../lib/poseidon.js'
import vectors from '../vectors/protocol.json'

describe('poseidon', () => {
  it('matches circomlib', () => {
    // circomlib's test vectors (test/poseidoncircuit.js) and the iden3 reference.
    expect(hash2(1n, 2n)).toBe(0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189an)
    expect(hash4(1n, 2n, 3n, 4n)).toBe(
      0x299c867db6c1fdd79dcefa40e4510b9837e60ebb1ce0663dbaa525df65250465n,
    )
  })

  it('matches the shared vectors', () => {
    expect(hash2(1n, 2n).toString()).toBe(vectors.poseidon['H2(1,2)'])
    expect(hash4(1n, 2n, 3n, 4n).toString()).toBe(vectors.poseidon['H4(1,2,3,4)'])
    expect(hash2(0n, 0n).toString()).toBe(vectors.poseidon['H2(0,0)'])
    const last = FIELD_SIZE - 1n
    expect(hash2(last, last).toString()).toBe(vectors.poseidon['H2(p-1,p-1)'])
  })

  it('exports H2 and H4 only (protocol v2)', () => {
    expect(Object.keys(poseidon).sort()).toEqual(['hash2', 'hash4'])
  })

  it('separates arities and argument order', () => {
    expect(hash2(0n, 0n)).not.toBe(hash4(0n, 0n, 0n, 0n))
    expect(hash2(1n, 2n)).not.toBe(hash2(2n, 1n))
    expect(hash4(1n, 2n, 3n, 4n)).not.toBe(hash4(1n, 2n, 4n, 3n))
  })

  it('refuses values outside the field instead of reducing them', () => {
    expect(() => hash2(FIELD_SIZE, 0n)).toThrow(InvalidFieldElementError)
    expect(() => hash2(1n, -1n)).toThrow(InvalidFieldElementError)
    expect(() => hash4(1n, 2n, 3n, FIELD_SIZE)).toThrow(InvalidFieldElementError)
    expect(() => hash4(1n, 2n, 3 as unknown as bigint, 4n)).toThrow(InvalidFieldElementError)
  })
})
