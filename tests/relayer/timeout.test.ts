import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RelayError, RelayerTimeoutError } from '../../lib/errors.js'
import { certainlyNotSubmitted } from '../../lib/relayer/certainlyNotSubmitted.js'
import { getRelayerStatus } from '../../lib/relayer/getRelayerStatus.js'
import { relayerRequest } from '../../lib/relayer/request.js'

describe('relayer client timeouts', () => {
  // Accepts every connection and never answers.
  let silent: Server
  let url: string
  const sockets = new Set<Socket>()
  beforeAll(async () => {
    silent = createServer((socket) => void sockets.add(socket))
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`
  })
  afterAll(() => {
    for (const socket of sockets) socket.destroy()
    silent.close()
  })

  it('a status read that gets no answer is a timeout that sent nothing', async () => {
    const started = Date.now()
    const error = await getRelayerStatus(url, { timeoutMs: 300 }).catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(error).toBeInstanceOf(RelayerTimeoutError)
    expect(error).toMatchObject({ code: 'relayer_timeout', sent: false, timeoutMs: 300 })
    expect((error as Error).message).toBe(`The relayer at ${url} did not answer within 0.3 s.`)
    expect(certainlyNotSubmitted(error)).toBe(true)
  })

  it('a relay that gets no answer may still land: only the chain can tell', async () => {
    const error = await relayerRequest(
      url,
      'v1/transact',
      { method: 'POST', body: {} },
      {
        timeoutMs: 300,
      },
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'relayer_timeout', sent: true })
    expect((error as Error).message).toMatch(/after taking the transaction; it may still land/)
    expect(certainlyNotSubmitted(error)).toBe(false)
  })

  it('a cancel stops the wait at once with its own reason', async () => {
    const controller = new AbortController()
    const reason = new Error('cancelled by the test')
    setTimeout(() => controller.abort(reason), 100)
    const error = await relayerRequest(
      url,
      'v1/transact',
      { method: 'POST', body: {} },
      {
        signal: controller.signal,
      },
    ).catch((e: unknown) => e)
    expect(error).toBe(reason)
  })

  it('tells a refusal or an unreachable relayer (nothing sent) from a failure after sending', async () => {
    const refused = new RelayError('fee_too_low', 'low', { status: 402 })
    const failed = new RelayError('relay_failed', 'sent but not included', { status: 502 })
    expect(certainlyNotSubmitted(refused)).toBe(true)
    expect(certainlyNotSubmitted(failed)).toBe(false)
    // A port nothing listens on any more.
    const gone = createServer()
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r))
    const port = (gone.address() as { port: number }).port
    await new Promise((r) => gone.close(r))
    const closed = await relayerRequest(`http://127.0.0.1:${port}`, 'v1/transact', {
      method: 'POST',
      body: {},
    }).catch((e: unknown) => e)
    expect(closed).toMatchObject({ code: 'relay_failed' })
    expect(certainlyNotSubmitted(closed)).toBe(true)
    expect(certainlyNotSubmitted(new Error('anything else'))).toBe(false)
  })
})
