import { poseidon1 } from 'poseidon-lite/poseidon1'
import { poseidon2 } from 'poseidon-lite/poseidon2'
import { poseidon3 } from 'poseidon-lite/poseidon3'
import { assertField } from './field.js'

// The per-arity entry points load only their own round constants, which keeps
// the service-worker bundle small. Inputs are checked rather than reduced: a
// value >= p hashes like its residue, and that aliasing must never be silent.

/** `H1(a)`: Poseidon with one input and circomlib's parameters. */
export function hash1(a: bigint): bigint {
  assertField(a, 'Poseidon input')
  return poseidon1([a])
}

/** `H2(a, b)`: Poseidon with two inputs (Merkle inner nodes). */
export function hash2(a: bigint, b: bigint): bigint {
  assertField(a, 'Poseidon input')
  assertField(b, 'Poseidon input')
  return poseidon2([a, b])
}

/** `H3(a, b, c)`: Poseidon with three inputs (commitments and nullifiers). */
export function hash3(a: bigint, b: bigint, c: bigint): bigint {
  assertField(a, 'Poseidon input')
  assertField(b, 'Poseidon input')
  assertField(c, 'Poseidon input')
  return poseidon3([a, b, c])
}
