/**
 * What the background and the offscreen prover say to each other over a
 * `runtime.connect` port named {@link PROVER_PORT}, which the offscreen page
 * opens once it has loaded. A port keeps this traffic away from the popup's
 * `runtime.onMessage` listeners. Everything is JSON-safe (Chrome serializes
 * extension messages as JSON): bigints cross as decimal strings.
 */
import type { CircuitName } from '../lib/circuits.js'
import type { ProveStage } from '../lib/prover/types.js'

export const PROVER_PORT = 'zkpay-prover'

/** The circuit inputs with every bigint as a decimal string (nested arrays kept). */
export type WireInput = Record<string, unknown>

export type ProverRequest = { type: 'prove'; id: string; circuit: CircuitName; input: WireInput }

export type ProverReply =
  | { type: 'progress'; id: string; stage: ProveStage }
  | {
      type: 'result'
      id: string
      /** snarkjs's Groth16 proof (already strings). */
      rawProof: import('snarkjs').Groth16Proof
      publicSignals: string[]
    }
  | { type: 'error'; id: string; error: { code: string; message: string } }

/** Bigints (also inside arrays and objects) → decimal strings, for the port. */
export function toWire(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toWire)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]))
  return value
}
