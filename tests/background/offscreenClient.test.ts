import { afterEach, describe, expect, it, vi } from 'vitest'
import { createOffscreenProver, type ProverPort } from '../../background/offscreenClient.js'
import { serveProver } from '../../background/proverHost.js'
import type { ProverReply, ProverRequest } from '../../background/proverMessages.js'
import { ProofFailedError } from '../../lib/errors.js'
import type { Prover } from '../../lib/prover/types.js'

const rawProof = {
  pi_a: ['1', '2', '1'],
  pi_b: [
    ['3', '4'],
    ['5', '6'],
    ['1', '0'],
  ],
  pi_c: ['7', '8', '1'],
  protocol: 'groth16',
  curve: 'bn128',
}

/** Two ends of a port: what one posts, the other hears. */
function portPair() {
  const listeners = { a: [] as ((m: unknown) => void)[], b: [] as ((m: unknown) => void)[] }
  const disconnects: (() => void)[] = []
  const deliver = (to: ((m: unknown) => void)[], m: unknown) =>
    queueMicrotask(() => {
      for (const l of to) l(JSON.parse(JSON.stringify(m)))
    })
  const drop = () => {
    for (const d of disconnects) d()
  }
  const background: ProverPort = {
    postMessage: (m: ProverRequest) => deliver(listeners.b, m),
    disconnect: drop,
    onMessage: { addListener: (l) => listeners.a.push(l) },
    onDisconnect: { addListener: (l) => disconnects.push(l) },
  }
  const offscreen = {
    postMessage: (m: ProverReply) => deliver(listeners.a, m),
    onMessage: { addListener: (l: (m: unknown) => void) => listeners.b.push(l) },
  }
  return { background, offscreen, drop }
}

/** A fake chrome.offscreen whose document "loads" by serving `prover` on a new port. */
function fakeOffscreen(prover: Prover, attach: (port: ProverPort) => void) {
  const log: string[] = []
  let open = false
  let last: ReturnType<typeof portPair> | undefined
  return {
    log,
    drop: () => last?.drop(),
    api: {
      async createDocument({ reasons }: { reasons: string[] }) {
        log.push(`create ${reasons.join()}`)
        open = true
        last = portPair()
        serveProver({ port: last.offscreen, prover })
        setTimeout(() => attach(last!.background), 5)
      },
      async closeDocument() {
        log.push('close')
        open = false
      },
      hasDocument: async () => open,
    },
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('offscreen prover client', () => {
  it('opens the document on demand, relays progress and converts the proof', async () => {
    const seen: unknown[] = []
    const inner: Prover = {
      async prove({ input, onProgress }) {
        seen.push(input)
        onProgress?.('loading')
        onProgress?.('witness')
        onProgress?.('proving')
        return { proof: undefined as never, rawProof, publicSignals: [11n, 12n] }
      },
    }
    let client!: ReturnType<typeof createOffscreenProver>
    const fake = fakeOffscreen(inner, (port) => client.attach(port))
    client = createOffscreenProver({ offscreen: fake.api, idleMs: 50 })

    const stages: string[] = []
    const result = await client.prove({
      circuit: 'tx1',
      input: { root: 5n, nested: [[1n, 2n]] },
      onProgress: (s) => stages.push(s),
    })
    expect(fake.log).toEqual(['create WORKERS'])
    expect(seen).toEqual([{ root: '5', nested: [['1', '2']] }])
    expect(stages).toEqual(['loading', 'witness', 'proving'])
    expect(result.publicSignals).toEqual([11n, 12n])
    expect(result.proof.b).toEqual([
      [4n, 3n],
      [6n, 5n],
    ])

    // a second proof reuses the open document
    await client.prove({ circuit: 'tx1', input: {} })
    expect(fake.log).toEqual(['create WORKERS'])
    expect(client.users()).toBe(0)
    // idle: closed after idleMs, opened again for the next proof
    await new Promise((r) => setTimeout(r, 80))
    expect(fake.log).toEqual(['create WORKERS', 'close'])
    await client.prove({ circuit: 'tx1', input: {} })
    expect(fake.log).toEqual(['create WORKERS', 'close', 'create WORKERS'])
  })

  it('passes a proving error on, typed', async () => {
    const inner: Prover = {
      prove: async () => {
        throw new ProofFailedError('These inputs do not satisfy the transaction circuit.')
      },
    }
    let client!: ReturnType<typeof createOffscreenProver>
    const fake = fakeOffscreen(inner, (port) => client.attach(port))
    client = createOffscreenProver({ offscreen: fake.api })
    const error = await client.prove({ circuit: 'tx2', input: {} }).catch((e) => e)
    expect(error).toBeInstanceOf(ProofFailedError)
    expect(error.shortMessage).toMatch(/do not satisfy/)
  })

  it('fails the proofs in flight when the document goes away', async () => {
    const inner: Prover = { prove: () => new Promise(() => {}) }
    let client!: ReturnType<typeof createOffscreenProver>
    const fake = fakeOffscreen(inner, (port) => client.attach(port))
    client = createOffscreenProver({ offscreen: fake.api })
    const pending = client.prove({ circuit: 'tx1', input: {} }).catch((e) => e)
    await new Promise((r) => setTimeout(r, 20))
    fake.drop()
    expect((await pending).message).toMatch(/prover stopped/)
  })

  it('gives up when the document never connects', async () => {
    const api = {
      createDocument: async () => {},
      closeDocument: async () => {},
      hasDocument: async () => false,
    }
    const client = createOffscreenProver({ offscreen: api, readyTimeoutMs: 20 })
    await expect(client.prove({ circuit: 'tx1', input: {} })).rejects.toThrow(/did not start/)
  })

  it('replaces a document left by an earlier worker', async () => {
    const inner: Prover = {
      prove: async () => ({ proof: undefined as never, rawProof, publicSignals: [] }),
    }
    let client!: ReturnType<typeof createOffscreenProver>
    const fake = fakeOffscreen(inner, (port) => client.attach(port))
    client = createOffscreenProver({ offscreen: { ...fake.api, hasDocument: async () => true } })
    await client.prove({ circuit: 'tx1', input: {} })
    expect(fake.log).toEqual(['close', 'create WORKERS'])
  })
})
