import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Activity } from '../../background/messages.js'
import { bundlePage } from '../../demo/shared/server/bundlePage.js'
import { encodeAddress } from '../../lib/address.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { type RelayerFixture, startRelayer } from '../relayer/fixture.js'
import { type ExtensionBrowser, launchExtension } from './helpers/extension.js'
import { decide, nextApproval } from './helpers/site.js'
import type { ViemOutcome } from './helpers/viemPage.js'

// A site using viem's createWalletClient({ transport: custom(window.zkpay) })
// against the built extension: every error the page can make the wallet
// answer arrives as viem's class for its code, sent once (viem retries
// some classes, and a retried tip is a second tip), and no payment is made
// twice. mipd finds the wallet under EIP-6963.

const units = (amount: string) => parseUnits(amount, 18)
const password = 'viem client password'
const PROOF_TIMEOUT = 90_000

type Harness = {
  start(name: string, method: string, params?: unknown, json?: string): void
  answer(name: string): Promise<ViemOutcome>
  providers(): { info: Record<string, string>; isZkpay: boolean }[]
}

describe('a viem site and the extension', () => {
  let chain: LocalChain
  let relayer: RelayerFixture
  let server: FastifyInstance
  let browser: ExtensionBrowser
  let popup: Page
  let page: Page
  let origin: string
  const creator = (() => {
    const keys = deriveKeys(generateMnemonic())
    return encodeAddress({ ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey })
  })()

  const popupRequest = async (type: string, data?: unknown) => {
    const answer = await browser.request(popup, type as 'wallet.state', data as undefined)
    if (!answer.ok) throw new Error(`${type} failed: ${answer.error.message}`)
    return answer.data as unknown
  }
  const sends = async () =>
    ((await popupRequest('activity.list')) as Activity[]).filter(
      (a) => a.kind === 'send' && a.site === origin,
    )

  const start = (name: string, method: string, params?: unknown, json?: string) =>
    page.evaluate(
      ([name, method, params, json]) =>
        (window as unknown as { viemHarness: Harness }).viemHarness.start(
          name,
          method,
          params,
          json ?? undefined,
        ),
      [name, method, params, json ?? null] as const,
    )
  const answer = (name: string, timeout = 120_000) =>
    page.evaluate(
      ([name, timeout]) =>
        Promise.race([
          (window as unknown as { viemHarness: Harness }).viemHarness.answer(name),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error(`${name}: no answer in ${timeout} ms`)), timeout),
          ),
        ]),
      [name, timeout] as const,
    )
  let count = 0
  const call = async (method: string, params?: unknown, json?: string) => {
    const name = `call-${++count}`
    await start(name, method, params, json)
    return answer(name)
  }
  /** A refusal: viem's class, the wallet's reason, and that viem sent it once. */
  const refused = (name: string, reason: string) => ({ ok: false, name, reason, sent: 1 })

  beforeAll(async () => {
    chain = await startLocalChain()
    relayer = await startRelayer(chain)
    const script = await bundlePage(join(import.meta.dirname, 'helpers', 'viemPage.ts'))
    server = Fastify()
    server.get('/', (_q, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>viem site</title><script type="module" src="/app.js"></script>',
        ),
    )
    server.get('/app.js', (_q, reply) => reply.type('text/javascript').send(script))
    await server.listen({ port: 0, host: '127.0.0.1' })
    origin = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`

    browser = await launchExtension()
    popup = await browser.openPopup()
    await popupRequest('settings.update', {
      rpcUrl: chain.anvil.rpcUrl,
      relayerUrl: relayer.url,
      useRelayer: true,
    })
    await popupRequest('wallet.create', { password })
    const state = (await popupRequest('wallet.state')) as { publicAddress: string }
    await chain.fund(state.publicAddress as `0x${string}`, units('10'))
    const shield = (await popupRequest('tx.shield', {
      pool: chain.deployment.pool,
      amount: units('5').toString(),
    })) as { activityId: string }
    for (const end = Date.now() + PROOF_TIMEOUT; Date.now() < end; ) {
      const list = (await popupRequest('activity.list')) as Activity[]
      const a = list.find((x) => x.id === shield.activityId)
      if (a?.status === 'settled') break
      if (a?.status === 'failed') throw new Error(`the shield failed: ${a.error}`)
      await popup.waitForTimeout(250)
    }
    page = await browser.context.newPage()
    await page.goto(origin)
    await page.waitForFunction(() => 'viemHarness' in window)
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await relayer?.stop()
    await chain?.stop()
  })

  it("mipd's EIP-6963 store finds zkpay, and it is window.zkpay", async () => {
    const found = await page.evaluate(() =>
      (window as unknown as { viemHarness: Harness }).viemHarness.providers(),
    )
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ isZkpay: true, info: { name: 'zkpay', rdns: 'xyz.zkpay' } })
    expect(found[0]?.info.icon).toMatch(/^data:image\/svg\+xml/)
    expect(found[0]?.info.uuid).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('an Ethereum dapp fails cleanly: eth_* is UnsupportedProviderMethodError', async () => {
    for (const method of ['eth_requestAccounts', 'eth_sendTransaction', 'eth_chainId'])
      expect(await call(method, method === 'eth_sendTransaction' ? [{}] : undefined)).toMatchObject(
        refused('UnsupportedProviderMethodError', 'unsupported_method'),
      )
  })

  it('before connecting: UnauthorizedProviderError, sent once', async () => {
    const tip = { to: creator, amount: '0.05', token: chain.deployment.token }
    expect(await call('zkpay_tip', tip)).toMatchObject(
      refused('UnauthorizedProviderError', 'unauthorized'),
    )
    expect(await call('zkpay_allowances')).toMatchObject(
      refused('UnauthorizedProviderError', 'unauthorized'),
    )
  })

  it('connect: a second one waiting is ResourceUnavailableRpcError; closing is UserRejectedRequestError', async () => {
    await start('connect', 'zkpay_connect')
    const window = await nextApproval(browser.context)
    expect(await call('zkpay_connect')).toMatchObject(
      refused('ResourceUnavailableRpcError', 'request_pending'),
    )
    await window.close()
    expect(await answer('connect')).toMatchObject(
      refused('UserRejectedRequestError', 'user_rejected'),
    )
    await start('connect-2', 'zkpay_connect')
    await decide(await nextApproval(browser.context), 'approve')
    expect(await answer('connect-2')).toMatchObject({ ok: true, sent: 1 })
  })

  it('bad params, __proto__ included: InvalidParamsRpcError', async () => {
    const json = JSON.stringify({ to: creator, amount: '0.05', token: chain.deployment.token })
    expect(
      await call('zkpay_pay', undefined, `{"__proto__":{"x":1},${json.slice(1)}`),
    ).toMatchObject(refused('InvalidParamsRpcError', 'invalid_params'))
    expect(
      await call('zkpay_tip', { to: creator, amount: '0.0001', token: chain.deployment.token }),
    ).toMatchObject(refused('InvalidParamsRpcError', 'invalid_params')) // under the smallest tip
  })

  it('tips: each error is its class, sent once, and no tip is paid twice', async () => {
    await start('allow', 'zkpay_requestAllowance', {
      token: chain.deployment.token,
      amount: '50',
      period: 'day',
    })
    await decide(await nextApproval(browser.context), 'approve')
    expect(await answer('allow')).toMatchObject({ ok: true, sent: 1 })
    const tip = { to: creator, amount: '0.05', token: chain.deployment.token }

    const paid = await call('zkpay_tip', { ...tip, idempotencyKey: 'tip-1' }, undefined)
    expect(paid).toMatchObject({ ok: true, sent: 1 })
    // the site retries on its own with the same key: the same receipt, nothing paid again
    const again = await call('zkpay_tip', { ...tip, idempotencyKey: 'tip-1' })
    expect(again).toEqual(paid)
    expect((await sends()).map((a) => a.status)).toEqual(['settled'])

    // inside the allowance, over the shielded balance
    expect(await call('zkpay_tip', { ...tip, amount: '20', prompt: false })).toMatchObject(
      refused('InvalidInputRpcError', 'insufficient_balance'),
    )

    await popupRequest('wallet.lock')
    expect(await call('zkpay_tip', { ...tip, prompt: false })).toMatchObject(
      refused('UnauthorizedProviderError', 'wallet_locked'),
    )
    await popupRequest('wallet.unlock', { password })

    // the relayer is gone: the one error a viem client used to retry into 4 tips
    await relayer.stop()
    expect(await call('zkpay_tip', { ...tip, prompt: false })).toMatchObject(
      refused('TransactionRejectedRpcError', 'relay_failed'),
    )
    await page.waitForTimeout(1000) // a retry would have reached the wallet by now
    expect((await sends()).map((a) => a.status)).toEqual(['settled'])
  })

  it('a payment over the balance: closing its window is UserRejectedRequestError, not the balance', async () => {
    await start('big', 'zkpay_pay', { to: creator, amount: '100', token: chain.deployment.token })
    const window = await nextApproval(browser.context)
    await window.locator('[data-testid="approval-request-error"]').waitFor()
    expect(await window.locator('[data-testid="approval-approve"]').count()).toBe(0)
    await window.close()
    expect(await answer('big')).toMatchObject(refused('UserRejectedRequestError', 'user_rejected'))
    expect((await sends()).map((a) => a.status)).toEqual(['settled'])
  })
})
