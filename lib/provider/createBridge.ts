import { type ProviderErrorJson, providerError } from './providerErrors.js'
import { randomId } from './randomId.js'
import {
  type BridgeReply,
  type BridgeRequest,
  MAX_PARAMS_BYTES,
  type PageReply,
  TO_CONTENT,
  TO_PAGE,
} from './wire.js'

/** The part of a `runtime.Port` the bridge uses. */
export type BridgePort = {
  postMessage(message: BridgeRequest): void
  onMessage: { addListener(listener: (message: unknown) => void): void }
  onDisconnect: { addListener(listener: () => void): void }
}

export type CreateBridgeParameters = {
  /** `runtime.connect({ name: PROVIDER_PORT })`; throws once the extension is gone. */
  connect(): BridgePort
  /** Posts to the page (`window.postMessage`). */
  toPage(message: PageReply): void
  newId?: () => string
  /** Wait before reconnecting to a background that went away with requests open. */
  reconnectDelayMs?: number
  /** Reconnects in a row without an answer before giving up on the open requests. */
  maxReconnects?: number
}

const unavailable = () =>
  providerError(
    'disconnected',
    'The zkpay wallet is not available (it was reloaded or removed). Reload the page.',
  )

/**
 * The content script's job: relay page requests to the background and
 * answers back, without reading them. It checks only the envelope (ids,
 * method name, params size) and keeps the open requests, so that when the
 * background's service worker stops it reconnects and resumes each one by id.
 */
export function createBridge(params: CreateBridgeParameters) {
  const newId = params.newId ?? randomId
  const delay = params.reconnectDelayMs ?? 200
  const maxReconnects = params.maxReconnects ?? 5
  /** By the bridge's id: the page's id and the request, to resume it. */
  const open = new Map<string, { pageId: string; request: BridgeRequest }>()
  let port: BridgePort | undefined
  let reconnects = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  function reply(pageId: string, outcome: { result: unknown } | { error: ProviderErrorJson }) {
    params.toPage({ target: TO_PAGE, id: pageId, ...outcome } as PageReply)
  }

  function failAll(error: ProviderErrorJson) {
    for (const [id, { pageId }] of open) {
      open.delete(id)
      reply(pageId, { error })
    }
  }

  function onReply(message: unknown) {
    reconnects = 0
    const m = message as BridgeReply | null
    if (m?.type === 'event') {
      params.toPage({ target: TO_PAGE, event: m.event, data: m.data })
      return
    }
    if (m?.type !== 'response' || typeof m.id !== 'string') return
    const entry = open.get(m.id)
    if (!entry) return
    open.delete(m.id)
    reply(entry.pageId, 'error' in m ? { error: m.error } : { result: m.result })
  }

  function onDisconnect(from: BridgePort) {
    if (port !== from) return
    port = undefined
    if (open.size === 0) return // reconnect lazily, on the next request
    clearTimeout(timer)
    timer = setTimeout(resumeAll, delay * 2 ** Math.min(reconnects, 4))
  }

  function ensurePort(): BridgePort | undefined {
    if (port) return port
    try {
      const next = params.connect()
      next.onMessage.addListener(onReply)
      next.onDisconnect.addListener(() => onDisconnect(next))
      port = next
      return port
    } catch {
      return undefined
    }
  }

  function send(request: BridgeRequest): boolean {
    const target = ensurePort()
    if (!target) return false
    try {
      target.postMessage(request)
      return true
    } catch {
      port = undefined
      return false
    }
  }

  function resumeAll() {
    if (++reconnects > maxReconnects) return failAll(unavailable())
    for (const { request } of open.values()) {
      if (!send({ ...request, type: 'resume' })) return failAll(unavailable())
    }
  }

  /** Handles one `message` event's data from the page's window. */
  function fromPage(data: unknown) {
    const m = data as Partial<{ target: unknown; id: unknown; method: unknown; params: unknown }>
    if (typeof m !== 'object' || m === null || m.target !== TO_CONTENT) return
    if (typeof m.id !== 'string' || m.id.length > 64) return
    const pageId = m.id
    if (typeof m.method !== 'string' || m.method.length > 100)
      return reply(pageId, { error: providerError('invalid_params', 'The method must be a name.') })
    let size = 0
    try {
      size = m.params === undefined ? 0 : JSON.stringify(m.params).length
    } catch {
      return reply(pageId, { error: providerError('invalid_params', 'The params are not JSON.') })
    }
    if (size > MAX_PARAMS_BYTES)
      return reply(pageId, { error: providerError('invalid_params', 'The params are too large.') })
    const id = newId()
    const request: BridgeRequest = {
      type: 'request',
      id,
      method: m.method,
      ...(m.params === undefined ? {} : { params: m.params }),
    }
    open.set(id, { pageId, request })
    if (!send(request)) {
      open.delete(id)
      reply(pageId, { error: unavailable() })
    }
  }

  return { fromPage, open: () => open.size }
}
