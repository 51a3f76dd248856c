import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { CircuitName } from '../circuits.js'
import type { CircuitArtifacts } from '../prover/createSnarkjsProver.js'

/** The committed circuit artifacts under public/circuits, as the extension ships them. */
export const circuitsDir = resolve(import.meta.dirname, '..', '..', 'public', 'circuits')

export async function loadCircuitArtifacts(circuit: CircuitName): Promise<CircuitArtifacts> {
  const [wasm, zkey] = await Promise.all([
    readFile(join(circuitsDir, `${circuit}.wasm`)),
    readFile(join(circuitsDir, `${circuit}.zkey`)),
  ])
  return { wasm: new Uint8Array(wasm), zkey: new Uint8Array(zkey) }
}

export async function loadVerificationKey(circuit: CircuitName): Promise<unknown> {
  return JSON.parse(await readFile(join(circuitsDir, `${circuit}.vkey.json`), 'utf8'))
}
