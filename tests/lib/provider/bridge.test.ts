import { describe, expect, it } from 'vitest'
import { createBridge } from '../../../lib/provider/createBridge.js'
import { createProvider } from '../../../lib/provider/createProvider.js'
import { ProviderRpcError } from '../../../lib/provider/providerErrors.js'
import {
  type BridgeReply,
  type BridgeRequest,
  MAX_PARAMS_BYTES,
  type PageReply,
  type PageRequest,
} from '../../../lib/provider/wire.js'

/** A runtime port whose far end the test plays. */
function fakePort() {
  const onMessage: ((m: unknown) => void)[] = []
  const onDisconnect: (() => void)[] = []
  const sent: BridgeRequest[] = []
  return {
    sent,
    port: {
      postMessage: (m: BridgeRequest) => void sent.push(structuredClone(m)),
      onMessage: { addListener: (l: (m: unknown) => void) => void onMessage.push(l) },
      onDisconnect: { addListener: (l: () => void) => void onDisconnect.push(l) },
    },
    reply: (m: BridgeReply) => {
      for (const l of onMessage) l(m)
    },
    /** The background went away (its worker stopped). */
    die: () => {
      for (const l of onDisconnect) l()
    },
  }
}

/** The page's provider, the content script's bridge, and ports the test answers on. */
function setup(options: { maxReconnects?: number; connectThrows?: boolean } = {}) {
  const ports: ReturnType<typeof fakePort>[] = []
  let pageListener: ((m: PageReply) => void) | undefined
  const bridge = createBridge({
    connect: () => {
      if (options.connectThrows) throw new Error('Extension context invalidated.')
      const p = fakePort()
      ports.push(p)
      return p.port
    },
    toPage: (m) => queueMicrotask(() => pageListener?.(structuredClone(m))),
    reconnectDelayMs: 1,
    ...(options.maxReconnects !== undefined ? { maxReconnects: options.maxReconnects } : {}),
  })
  const provider = createProvider({
    post: (m: PageRequest) => bridge.fromPage(structuredClone(m)),
    listen: (handler) => {
      pageListener = handler
    },
  })
  return { provider, bridge, ports }
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms))

describe('the page provider and the content-script bridge', () => {
  it('relays a request and its answer, by an id the page never chose', async () => {
    const { provider, ports } = setup()
    const answer = provider.request({ method: 'zkpay_chainId' })
    await tick()
    const [sent] = ports[0]!.sent
    expect(sent).toMatchObject({ type: 'request', method: 'zkpay_chainId' })
    expect(sent!.id).toMatch(/^[0-9a-f-]{36}$/)
    ports[0]!.reply({ type: 'response', id: sent!.id, result: '0x7a69' })
    expect(await answer).toBe('0x7a69')
  })

  it('rejects with a ProviderRpcError carrying code and reason', async () => {
    const { provider, ports } = setup()
    const answer = provider.request({ method: 'zkpay_pay', params: {} })
    await tick()
    const id = ports[0]!.sent[0]!.id
    ports[0]!.reply({
      type: 'response',
      id,
      error: { code: 4100, message: 'Connect first.', data: { reason: 'unauthorized' } },
    })
    const error = await answer.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderRpcError)
    expect(error).toMatchObject({
      code: 4100,
      message: 'Connect first.',
      data: { reason: 'unauthorized' },
    })
  })

  it('refuses what it cannot send: no method, params too big or not data', async () => {
    const { provider, ports } = setup()
    await expect(provider.request(null as never)).rejects.toMatchObject({ code: -32602 })
    await expect(
      provider.request({ method: 'zkpay_pay', params: 'x'.repeat(MAX_PARAMS_BYTES + 1) }),
    ).rejects.toMatchObject({ code: -32602 })
    await expect(
      provider.request({ method: 'zkpay_pay', params: { f: () => 1 } }),
    ).rejects.toMatchObject({ code: -32602 })
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    await expect(provider.request({ method: 'zkpay_pay', params: cyclic })).rejects.toMatchObject({
      code: -32602,
    })
    expect(ports.flatMap((p) => p.sent)).toEqual([])
  })

  it('resumes open requests on a new port when the background goes away', async () => {
    const { provider, ports } = setup()
    const answer = provider.request({ method: 'zkpay_pay', params: { amount: '1' } })
    await tick()
    const first = ports[0]!.sent[0]!
    ports[0]!.die()
    await tick()
    expect(ports).toHaveLength(2)
    expect(ports[1]!.sent).toEqual([{ ...first, type: 'resume' }])
    ports[1]!.reply({ type: 'response', id: first.id, result: { ok: 1 } })
    expect(await answer).toEqual({ ok: 1 })
  })

  it('gives up with 4900 after repeated failures, and when the extension is gone', async () => {
    const flaky = setup({ maxReconnects: 2 })
    const answer = expect(
      flaky.provider.request({ method: 'zkpay_accounts' }),
    ).rejects.toMatchObject({ code: 4900, data: { reason: 'disconnected' } })
    await tick()
    for (let i = 0; i < 3; i++) {
      flaky.ports.at(-1)!.die()
      await tick(60)
    }
    await answer

    const gone = setup({ connectThrows: true })
    await expect(gone.provider.request({ method: 'zkpay_accounts' })).rejects.toMatchObject({
      code: 4900,
    })
  })

  it('delivers events to listeners until removed, and refuses unknown events', async () => {
    const { provider, ports } = setup()
    const seen: unknown[] = []
    const listener = (data: unknown) => void seen.push(data)
    provider.on('connect', listener)
    void provider.request({ method: 'zkpay_chainId' })
    await tick()
    ports[0]!.reply({ type: 'event', event: 'connect', data: { chainId: '0x7a69' } })
    await tick()
    provider.removeListener('connect', listener)
    ports[0]!.reply({ type: 'event', event: 'connect', data: { chainId: '0x1' } })
    await tick()
    expect(seen).toEqual([{ chainId: '0x7a69' }])
    expect(() => provider.on('accountsChanged' as never, listener)).toThrow(/no event/)
    expect(Object.isFrozen(provider)).toBe(true)
  })
})
