import * as snarkjs from 'snarkjs'
import { RelayError } from '../../lib/errors.js'
import type { SolidityProof } from '../../lib/prover/types.js'

/** The Solidity layout back to snarkjs's: `b`'s coordinates are (real, imaginary) there. */
export function toSnarkjsProof(proof: SolidityProof): snarkjs.Groth16Proof {
  const s = (n: bigint) => n.toString()
  return {
    pi_a: [s(proof.a[0]), s(proof.a[1]), '1'],
    pi_b: [
      [s(proof.b[0][1]), s(proof.b[0][0])],
      [s(proof.b[1][1]), s(proof.b[1][0])],
      ['1', '0'],
    ],
    pi_c: [s(proof.c[0]), s(proof.c[1]), '1'],
    protocol: 'groth16',
    curve: 'bn128',
  }
}

/**
 * Verifies the Groth16 proof off chain, so a bad proof costs the relayer a
 * few milliseconds instead of a reverted transaction: `invalid_proof` otherwise.
 */
export async function checkProof(
  verificationKey: unknown,
  proof: SolidityProof,
  publicSignals: readonly bigint[],
): Promise<void> {
  let valid = false
  try {
    valid = await snarkjs.groth16.verify(
      verificationKey,
      publicSignals.map((s) => s.toString()),
      toSnarkjsProof(proof),
    )
  } catch {
    // Coordinates off the curve make snarkjs throw rather than answer false.
  }
  if (!valid)
    throw new RelayError('invalid_proof', 'The proof does not verify for these public signals.')
}
