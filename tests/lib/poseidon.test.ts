import { describe, expect, it } from 'vitest'
import { InvalidFieldElementError } from '../../lib/errors.js'
import { FIELD_SIZE } from '../../lib/field.js'
import { hash1, hash2, hash3 } from '../../lib/poseidon.js'

describe('poseidon', () => {
  it('matches circomlib', () => {
    // circomlib's test vectors (test/poseidoncircuit.js) and the iden3 reference.
    expect(hash2(1n, 2n)).toBe(0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189an)
    expect(hash1(1n)).toBe(
      18586133768512220936620570745912940619677854269274689475585506675881198879027n,
    )
  })

  it('separates arities', () => {
    expect(hash2(0n, 0n)).not.toBe(hash3(0n, 0n, 0n))
    expect(hash1(0n)).not.toBe(hash2(0n, 0n))
  })

  it('refuses values outside the field instead of reducing them', () => {
    expect(() => hash1(FIELD_SIZE)).toThrow(InvalidFieldElementError)
    expect(() => hash2(1n, -1n)).toThrow(InvalidFieldElementError)
    expect(() => hash3(1n, 2n, 3 as unknown as bigint)).toThrow(InvalidFieldElementError)
  })
})
