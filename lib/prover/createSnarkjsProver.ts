import type { CircuitName } from '../circuits.js'
import { ProofFailedError } from '../errors.js'
import { toSolidityProof } from './formatProof.js'
import type { ProveParameters, ProveResult, Prover } from './types.js'

export type CircuitArtifacts = { wasm: Uint8Array; zkey: Uint8Array }

export type CreateSnarkjsProverParameters = {
  /** Loads a circuit's witness wasm and proving key (from disk, the extension's files, ...). */
  loadArtifacts: (circuit: CircuitName) => Promise<CircuitArtifacts>
  singleThread?: boolean
}

/**
 * A prover on snarkjs that runs wherever snarkjs does (Node, a worker).
 * Artifacts are loaded once per circuit and kept.
 */
export function createSnarkjsProver(params: CreateSnarkjsProverParameters): Prover & {
  preload(circuit: CircuitName): Promise<void>
} {
  const cache = new Map<CircuitName, Promise<CircuitArtifacts>>()
  const load = (circuit: CircuitName) => {
    let artifacts = cache.get(circuit)
    if (!artifacts) {
      artifacts = params.loadArtifacts(circuit)
      artifacts.catch(() => cache.delete(circuit))
      cache.set(circuit, artifacts)
    }
    return artifacts
  }

  return {
    async preload(circuit) {
      await load(circuit)
    },
    async prove({ circuit, input, onProgress }: ProveParameters): Promise<ProveResult> {
      onProgress?.('loading')
      // Loaded on the first proof: a CLI command that proves nothing never pays for it.
      const [{ wasm, zkey }, snarkjs] = await Promise.all([load(circuit), import('snarkjs')])
      const witness: { type: 'mem'; data?: Uint8Array } = { type: 'mem' }
      onProgress?.('witness')
      try {
        await snarkjs.wtns.calculate(input, wasm, witness)
      } catch (cause) {
        // The witness calculator throws on a failed assert: the inputs do not satisfy the circuit.
        throw new ProofFailedError('These inputs do not satisfy the transaction circuit.', {
          cause,
        })
      }
      onProgress?.('proving')
      const { proof, publicSignals } = await snarkjs.groth16.prove(
        zkey,
        witness,
        undefined,
        params.singleThread ? { singleThread: true } : undefined,
      )
      onProgress?.('done')
      return {
        proof: toSolidityProof(proof),
        rawProof: proof,
        publicSignals: publicSignals.map(BigInt),
      }
    },
  }
}
