import { describe, expect, it, vi } from 'vitest'
import type { Settings } from '../../background/messages.js'
import { createRouter, type Handlers } from '../../background/router.js'
import { WalletLockedError } from '../../lib/errors.js'

const origin = 'chrome-extension://abcdef/'
const popup = { id: 'abcdef', url: `${origin}popup.html` }
const settings: Settings = {
  rpcUrl: 'http://127.0.0.1:8545',
  relayerUrls: ['http://127.0.0.1:8547'],
  useRelayer: true,
  autoLockMinutes: 15,
}

function setup() {
  const calls: [string, unknown][] = []
  const handlers = new Proxy({} as Handlers, {
    get: (_, type: string) => (data: unknown) => {
      calls.push([type, data])
      if (type === 'wallet.unlock') throw new WalletLockedError('Locked, sorry.')
      if (type === 'activity.list') throw new Error('secret internals /home/user')
      if (type === 'settings.update') return { ...settings, ...(data as object) }
      return { address: 'zkpay1…' }
    },
  })
  const beforeEach = vi.fn()
  const router = createRouter({
    handlers,
    extensionId: 'abcdef',
    extensionOrigin: origin,
    beforeEach,
  })
  return { router, calls, beforeEach }
}

describe('message router', () => {
  it('dispatches a valid request from an extension page to its handler', async () => {
    const { router, calls, beforeEach } = setup()
    const response = await router.handle(
      { type: 'wallet.import', data: { mnemonic: 'a b', password: 'long enough' } },
      popup,
    )
    expect(response).toEqual({ ok: true, data: { address: 'zkpay1…' } })
    expect(calls).toEqual([['wallet.import', { mnemonic: 'a b', password: 'long enough' }]])
    expect(beforeEach).toHaveBeenCalledWith('wallet.import')
  })

  it('accepts no data (absent or null) for requests without data', async () => {
    const { router, calls } = setup()
    expect(await router.handle({ type: 'wallet.state' }, popup)).toMatchObject({ ok: true })
    expect(await router.handle({ type: 'sync.now', data: null }, popup)).toMatchObject({ ok: true })
    expect(calls.map(([t]) => t)).toEqual(['wallet.state', 'sync.now'])
  })

  it('ignores messages from content scripts, web pages and other extensions', async () => {
    const { router, calls } = setup()
    const message = { type: 'wallet.revealPhrase', data: { password: 'long enough' } }
    for (const sender of [
      { id: 'abcdef', url: 'https://evil.example/page' }, // a content script
      { id: 'other', url: 'chrome-extension://other/popup.html' },
      { id: 'abcdef' },
      {},
    ]) {
      expect(await router.handle(message, sender)).toBeUndefined()
      expect(router.listener(message, sender, () => {})).toBeUndefined()
    }
    expect(calls).toEqual([])
  })

  it('answers malformed requests with bad_request and never calls a handler', async () => {
    const { router, calls } = setup()
    const bad = [
      { type: 'wallet.explode', data: {} },
      { type: 'wallet.create', data: { password: 'short' } },
      { type: 'wallet.create', data: { password: 'long enough', extra: 1 } },
      { type: 'tx.send', data: { pool: '0x1', to: 'zkpay1x', amount: '1' } },
      { type: 'tx.send', data: { pool: `0x${'1'.repeat(40)}`, to: 'zkpay1x', amount: '-1' } },
      { type: 'tx.shield', data: { pool: `0x${'1'.repeat(40)}`, amount: '1.5' } },
      { type: 'settings.update', data: { rpcUrl: 'javascript:alert(1)' } },
      { type: 'settings.update', data: { autoLockMinutes: 0 } },
      {
        type: 'tx.send',
        data: { pool: `0x${'1'.repeat(40)}`, to: 'zkpay1x', amount: '1', memo: 'x'.repeat(65) },
      },
    ]
    for (const message of bad) {
      const response = await router.handle(message, popup)
      expect(response, JSON.stringify(message)).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      })
    }
    expect(calls).toEqual([])
  })

  it('leaves messages that are not requests (no type) to other listeners', async () => {
    const { router } = setup()
    expect(await router.handle({ event: 'state.changed' }, popup)).toBeUndefined()
    expect(await router.handle('hello', popup)).toBeUndefined()
    expect(router.listener(null, popup, () => {})).toBeUndefined()
  })

  it('serializes errors as { code, message } and hides unexpected ones', async () => {
    const { router } = setup()
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await router.handle({ type: 'wallet.unlock', data: { password: 'x' } }, popup)).toEqual({
      ok: false,
      error: { code: 'wallet_locked', message: 'Locked, sorry.' },
    })
    expect(await router.handle({ type: 'activity.list' }, popup)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong in the wallet.' },
    })
    spy.mockRestore()
  })

  it('answers through sendResponse and keeps the channel open', async () => {
    const { router } = setup()
    const response = await new Promise((resolve) => {
      const kept = router.listener(
        { type: 'settings.update', data: { useRelayer: false } },
        popup,
        resolve,
      )
      expect(kept).toBe(true)
    })
    expect(response).toEqual({ ok: true, data: { ...settings, useRelayer: false } })
  })
})
