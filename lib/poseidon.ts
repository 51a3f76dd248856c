import { poseidon2 } from 'poseidon-lite/poseidon2'
import { poseidon4 } from 'poseidon-lite/poseidon4'
import { assertField } from './field.js'

// The per-arity entry points load only their own round constants, which keeps
// the service-worker bundle small. Inputs are checked rather than reduced: a
// value >= p hashes like its residue, and that aliasing must never be silent.

/** `H2(a, b)`: Poseidon with two inputs (owner keys, nullifiers, tree nodes). */
export function hash2(a: bigint, b: bigint): bigint {
  assertField(a, 'Poseidon input')
  assertField(b, 'Poseidon input')
  return poseidon2([a, b])
}

/** `H4(a, b, c, d)`: Poseidon with four inputs (note commitments). */
export function hash4(a: bigint, b: bigint, c: bigint, d: bigint): bigint {
  assertField(a, 'Poseidon input')
  assertField(b, 'Poseidon input')
  assertField(c, 'Poseidon input')
  assertField(d, 'Poseidon input')
  return poseidon4([a, b, c, d])
}
