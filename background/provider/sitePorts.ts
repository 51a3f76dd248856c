import { type BridgeReply, type BridgeRequest, PROVIDER_PORT } from '../../lib/provider/wire.js'

/** What `runtime.onConnect` says about a port's sender (the part checked). */
export type SiteSender = {
  id?: string
  url?: string
  origin?: string
  frameId?: number
  tab?: { id?: number }
}

/** The part of a `runtime.Port` used here. */
export type SitePort = {
  name: string
  sender?: SiteSender
  postMessage(message: BridgeReply): void
  disconnect(): void
  onMessage: { addListener(listener: (message: unknown) => void): void }
  onDisconnect: { addListener(listener: () => void): void }
}

/**
 * The origin a port comes from, as the browser reports it: only this
 * extension's content scripts in the top frame of an http(s) tab qualify.
 */
export function siteOrigin(
  sender: SiteSender | undefined,
  extensionId: string,
): string | undefined {
  if (!sender || sender.id !== extensionId || sender.frameId !== 0 || !sender.tab) return undefined
  let origin = sender.origin
  if (!origin && sender.url) {
    try {
      origin = new URL(sender.url).origin
    } catch {
      return undefined
    }
  }
  return origin && /^https?:\/\/[^/]+$/.test(origin) ? origin : undefined
}

function isBridgeRequest(message: unknown): message is BridgeRequest {
  const m = message as Partial<BridgeRequest> | null
  return (
    typeof m === 'object' &&
    m !== null &&
    (m.type === 'request' || m.type === 'resume') &&
    typeof m.id === 'string' &&
    m.id.length > 0 &&
    m.id.length <= 64 &&
    typeof m.method === 'string' &&
    m.method.length <= 100
  )
}

export type AttachSitePortParameters = {
  extensionId: string
  handle(origin: string, message: BridgeRequest, reply: (reply: BridgeReply) => void): Promise<void>
  addPort(origin: string, send: (reply: BridgeReply) => void): () => void
}

/**
 * Serves one content script's port: refuses a port that is not ours or not
 * from a site, hands each well-formed message to `handle` with the port's
 * origin, and stops sending once the port is gone.
 */
export function attachSitePort(port: SitePort, params: AttachSitePortParameters): boolean {
  if (port.name !== PROVIDER_PORT) return false
  const origin = siteOrigin(port.sender, params.extensionId)
  if (!origin) {
    port.disconnect()
    return false
  }
  let open = true
  const send = (reply: BridgeReply) => {
    if (!open) return
    try {
      port.postMessage(reply)
    } catch {
      open = false
    }
  }
  const remove = params.addPort(origin, send)
  port.onDisconnect.addListener(() => {
    open = false
    remove()
  })
  port.onMessage.addListener((message) => {
    if (isBridgeRequest(message)) void params.handle(origin, message, send)
  })
  return true
}
