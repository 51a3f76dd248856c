import { BaseError, ProofFailedError } from '../lib/errors.js'
import { toSolidityProof } from '../lib/prover/formatProof.js'
import type { ProveParameters, ProveResult, Prover, ProveStage } from '../lib/prover/types.js'
import { type ProverReply, type ProverRequest, toWire } from './proverMessages.js'

/** `chrome.offscreen` plus a way to tell whether our document is open. */
export type OffscreenApi = {
  createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>
  closeDocument(): Promise<void>
  /** `runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })` is not empty. */
  hasDocument(): Promise<boolean>
}

/** The background's end of the port the offscreen page opens. */
export type ProverPort = {
  postMessage(message: ProverRequest): void
  disconnect(): void
  onMessage: { addListener(listener: (message: unknown) => void): void }
  onDisconnect: { addListener(listener: () => void): void }
}

export type CreateOffscreenProverParameters = {
  offscreen: OffscreenApi
  /** The document, relative to the extension root. */
  url?: string
  /** Close the document after this long without a proof. */
  idleMs?: number
  /** Give up when the document has not connected after this long. */
  readyTimeoutMs?: number
}

class ProverUnavailableError extends BaseError {
  override name = 'ProverUnavailableError'
  constructor(message: string) {
    super('proof_failed', message)
  }
}

type Waiting = {
  resolve: (result: ProveResult) => void
  reject: (error: Error) => void
  onProgress?: (stage: ProveStage) => void
}

/**
 * A `Prover` that proves in the offscreen document (reason WORKERS), where
 * snarkjs can spawn its web workers. The document is created on the first
 * proof and connects back with a port (pass it to `attach`); requests carry
 * an id and progress comes back per id. It counts the proofs in flight and
 * closes the document after `idleMs` with none.
 */
export function createOffscreenProver(params: CreateOffscreenProverParameters) {
  const { offscreen } = params
  const url = params.url ?? 'offscreen.html'
  const idleMs = params.idleMs ?? 60_000
  const readyTimeoutMs = params.readyTimeoutMs ?? 30_000
  const waiting = new Map<string, Waiting>()
  let port: ProverPort | undefined
  let connected: { promise: Promise<ProverPort>; resolve: (port: ProverPort) => void } | undefined
  let opening: Promise<ProverPort> | undefined
  let closing: Promise<void> | undefined
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  let users = 0
  let nextId = 0

  function onReply(message: unknown) {
    const reply = message as ProverReply
    const entry = typeof reply?.id === 'string' ? waiting.get(reply.id) : undefined
    if (!entry) return
    if (reply.type === 'progress') entry.onProgress?.(reply.stage)
    else if (reply.type === 'result') {
      waiting.delete(reply.id)
      entry.resolve({
        proof: toSolidityProof(reply.rawProof),
        rawProof: reply.rawProof,
        publicSignals: reply.publicSignals.map(BigInt),
      })
    } else if (reply.type === 'error') {
      waiting.delete(reply.id)
      entry.reject(new ProofFailedError(reply.error.message))
    }
  }

  function attach(next: ProverPort) {
    port = next
    next.onMessage.addListener(onReply)
    next.onDisconnect.addListener(() => {
      if (port !== next) return
      port = undefined
      for (const [id, entry] of waiting) {
        waiting.delete(id)
        entry.reject(new ProverUnavailableError('The prover stopped before the proof was done.'))
      }
    })
    connected?.resolve(next)
  }

  async function open(): Promise<ProverPort> {
    if (closing) await closing
    // A document without a port is left from an earlier worker: start afresh.
    if (await offscreen.hasDocument()) await offscreen.closeDocument().catch(() => {})
    let resolve!: (port: ProverPort) => void
    connected = { promise: new Promise<ProverPort>((r) => (resolve = r)), resolve }
    await offscreen.createDocument({
      url,
      reasons: ['WORKERS'],
      justification: 'Proves zero-knowledge payments with snarkjs in web workers.',
    })
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ProverUnavailableError('The prover page did not start.')),
        readyTimeoutMs,
      )
    })
    try {
      return await Promise.race([connected.promise, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  function ready(): Promise<ProverPort> {
    if (port) return Promise.resolve(port)
    opening ??= open().finally(() => {
      opening = undefined
    })
    return opening
  }

  function scheduleClose() {
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => {
      if (users > 0) return
      const current = port
      port = undefined
      current?.disconnect()
      closing = offscreen
        .closeDocument()
        .catch(() => {})
        .finally(() => {
          closing = undefined
        })
    }, idleMs)
  }

  async function prove({ circuit, input, onProgress }: ProveParameters): Promise<ProveResult> {
    users++
    clearTimeout(idleTimer)
    try {
      const target = await ready()
      const id = `proof-${++nextId}`
      return await new Promise<ProveResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) })
        target.postMessage({
          type: 'prove',
          id,
          circuit,
          input: toWire(input) as ProverRequest['input'],
        })
      })
    } finally {
      users--
      if (users === 0) scheduleClose()
    }
  }

  const prover: Prover & { attach(port: ProverPort): void; users(): number } = {
    prove,
    attach,
    users: () => users,
  }
  return prover
}
