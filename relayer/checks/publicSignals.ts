import { type CircuitName, circuits } from '../../lib/circuits.js'
import { RelayError } from '../../lib/errors.js'
import { FIELD_SIZE } from '../../lib/field.js'
import type { PoolProof } from '../../lib/pool/transactArgs.js'
import { hashExtData, publicAmountOf } from '../../lib/transaction/extData.js'
import type { TransactRequest } from './body.js'

/**
 * Checks that the public signals belong to a circuit and to this `extData`
 * (its hash and public amount), as the pool will, and returns the pool's
 * `Proof` struct with the circuit to verify against.
 */
export function checkPublicSignals(
  request: TransactRequest,
  chainId: number,
): {
  circuit: CircuitName
  poolProof: PoolProof
} {
  const { publicSignals: signals, extData, proof } = request
  const circuit = circuits.find((c) => c.inputs === signals.length - 7)
  if (!circuit)
    throw new RelayError(
      'bad_request',
      `publicSignals has ${signals.length} entries; a transaction has ${circuits.map((c) => c.inputs + 7).join(', ')}.`,
    )
  const outside = signals.findIndex((s) => s >= FIELD_SIZE)
  if (outside >= 0)
    throw new RelayError('bad_request', `publicSignals.${outside} is not a field element.`)
  const [batchRoot, archiveRootA, archiveRootB, publicAmount, extDataHash] = signals as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    ...bigint[],
  ]
  if (extDataHash !== hashExtData(extData, { chainId, pool: request.pool }))
    throw new RelayError('bad_request', 'publicSignals extDataHash does not match extData.')
  if (publicAmount !== publicAmountOf(extData.extAmount, extData.fee))
    throw new RelayError(
      'bad_request',
      'publicSignals publicAmount does not match extData.extAmount - extData.fee.',
    )
  const inputNullifiers = signals.slice(5, 5 + circuit.inputs)
  const [out1, out2] = signals.slice(5 + circuit.inputs) as [bigint, bigint]
  return {
    circuit: circuit.name,
    poolProof: {
      a: proof.a,
      b: proof.b,
      c: proof.c,
      batchRoot,
      archiveRootA,
      archiveRootB,
      publicAmount,
      extDataHash,
      inputNullifiers,
      outputCommitments: [out1, out2],
    },
  }
}
