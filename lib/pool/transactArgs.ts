import type { SolidityProof } from '../prover/types.js'
import type { PreparedTransaction } from '../transaction/buildTransaction.js'

/** The pool's `Proof` struct for `transact`, from a prepared transaction and its proof. */
export function toPoolProof(prepared: PreparedTransaction, proof: SolidityProof) {
  const p = prepared.publicInputs
  return {
    a: proof.a,
    b: proof.b,
    c: proof.c,
    batchRoot: p.batchRoot,
    archiveRootA: p.archiveRootA,
    archiveRootB: p.archiveRootB,
    publicAmount: p.publicAmount,
    extDataHash: p.extDataHash,
    inputNullifiers: p.inputNullifiers,
    outputCommitments: p.outputCommitments,
  } as const
}

export type PoolProof = ReturnType<typeof toPoolProof>
