import type { Groth16Proof } from 'snarkjs'
import type { SolidityProof } from './types.js'

/** snarkjs proof → the verifier's calldata layout (G2 coordinates in (imaginary, real) order). */
export function toSolidityProof(proof: Groth16Proof): SolidityProof {
  const n = (s: string | undefined) => BigInt(s ?? '0')
  const b = proof.pi_b
  return {
    a: [n(proof.pi_a[0]), n(proof.pi_a[1])],
    b: [
      [n(b[0]?.[1]), n(b[0]?.[0])],
      [n(b[1]?.[1]), n(b[1]?.[0])],
    ],
    c: [n(proof.pi_c[0]), n(proof.pi_c[1])],
  }
}
