import { browser } from 'wxt/browser'
import { serveProver } from '../../background/proverHost.js'
import { PROVER_PORT } from '../../background/proverMessages.js'
import type { CircuitName } from '../../lib/circuits.js'
import { createSnarkjsProver } from '../../lib/prover/createSnarkjsProver.js'

// The offscreen document (reason WORKERS): the only place that loads proving
// keys. It opens a port to the background, proves what arrives on it, and
// closes itself when the background goes away (a new worker opens a new one).

async function fetchBytes(path: string): Promise<Uint8Array> {
  const response = await fetch(path)
  if (!response.ok) throw new Error(`Could not load ${path}: HTTP ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

const prover = createSnarkjsProver({
  loadArtifacts: async (circuit: CircuitName) => {
    const [wasm, zkey] = await Promise.all([
      fetchBytes(`/circuits/${circuit}.wasm`),
      fetchBytes(`/circuits/${circuit}.zkey`),
    ])
    return { wasm, zkey }
  },
})

const port = browser.runtime.connect({ name: PROVER_PORT })
serveProver({ port, prover })
port.onDisconnect.addListener(() => window.close())
