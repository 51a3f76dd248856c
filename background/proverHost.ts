import { BaseError } from '../lib/errors.js'
import type { Prover } from '../lib/prover/types.js'
import type { ProverReply, ProverRequest } from './proverMessages.js'

/** The part of a `runtime.Port` the host uses. */
export type HostPort = {
  postMessage(message: ProverReply): void
  onMessage: { addListener(listener: (message: unknown) => void): void }
}

/**
 * Runs in the offscreen document: answers prove requests arriving on `port`
 * with `prover` (snarkjs, which spreads each proof over all cores itself), one
 * proof at a time so two proofs never fight over the cores, reporting each
 * stage as it starts.
 */
export function serveProver({ port, prover }: { port: HostPort; prover: Prover }): void {
  let queue: Promise<void> = Promise.resolve()
  port.onMessage.addListener((message) => {
    const request = message as Partial<ProverRequest> | null
    if (request?.type !== 'prove' || typeof request.id !== 'string') return
    const { id, circuit, input } = request as ProverRequest
    queue = queue.then(async () => {
      try {
        const { rawProof, publicSignals } = await prover.prove({
          circuit,
          input,
          onProgress: (stage) => port.postMessage({ type: 'progress', id, stage }),
        })
        port.postMessage({
          type: 'result',
          id,
          rawProof,
          publicSignals: publicSignals.map(String),
        })
      } catch (error) {
        console.error('zkpay prover:', error, (error as { cause?: unknown })?.cause)
        port.postMessage({ type: 'error', id, error: serializeProverError(error) })
      }
    })
  })
}

function serializeProverError(error: unknown) {
  if (error instanceof BaseError) return { code: error.code, message: error.shortMessage }
  return {
    code: 'proof_failed',
    message: `The proof failed: ${error instanceof Error ? error.message : String(error)}`,
  }
}
