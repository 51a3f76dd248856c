import type { CircuitName } from '../circuits.js'

/** Groth16 proof in the layout the Solidity verifier takes (b's coordinates swapped). */
export type SolidityProof = {
  a: [bigint, bigint]
  b: [[bigint, bigint], [bigint, bigint]]
  c: [bigint, bigint]
}

export type ProveStage = 'loading' | 'witness' | 'proving' | 'done'

export type ProveParameters = {
  circuit: CircuitName
  input: Record<string, unknown>
  onProgress?: (stage: ProveStage) => void
}

export type ProveResult = {
  proof: SolidityProof
  /** Raw snarkjs proof, for off-chain verification. */
  rawProof: import('snarkjs').Groth16Proof
  publicSignals: bigint[]
}

/** Anything that proves a transaction circuit: snarkjs in Node, the offscreen document in the extension. */
export type Prover = {
  prove(params: ProveParameters): Promise<ProveResult>
}
