import type { Page } from 'playwright-core'
import { formatUnits, parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Activity } from '../../background/messages.js'
import { startDemoSites } from '../../demo/startDemoSites.js'
import { encodeAddress } from '../../lib/address.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { parseReceipt } from '../../lib/receipt/parseReceipt.js'
import { verifyReceipt } from '../../lib/receipt/verifyReceipt.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { type RelayerFixture, startRelayer } from '../relayer/fixture.js'
import { type ExtensionBrowser, launchExtension } from './helpers/extension.js'
import { byTestId, screenshot, waitForText } from './helpers/popup.js'
import {
  answer,
  decide,
  nextApproval,
  openApprovals,
  pageRequest,
  resultOf,
  startRequest,
  waitForProofReady,
} from './helpers/site.js'

// Sites ask the built extension for payments through window.zkpay: the demo
// checkout and tip jar (two origins) against anvil, the relayer and real proofs.

const units = (amount: string) => parseUnits(amount, 18)
const password = 'sites test password'
const PROOF_TIMEOUT = 90_000

const newAddress = () => {
  const keys = deriveKeys(generateMnemonic())
  return encodeAddress({ ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey })
}

describe('sites and the extension', () => {
  let chain: LocalChain
  let relayer: RelayerFixture
  let sites: Awaited<ReturnType<typeof startDemoSites>>
  let browser: ExtensionBrowser
  let popup: Page
  let checkout: Page
  let tipJar: Page
  const merchant = newAddress()
  const creator = newAddress()

  const activities = async (): Promise<Activity[]> => {
    const a = await browser.request(popup, 'activity.list')
    if (!a.ok) throw new Error(a.error.message)
    return a.data
  }

  beforeAll(async () => {
    chain = await startLocalChain()
    relayer = await startRelayer(chain)
    sites = await startDemoSites({
      rpcUrl: chain.anvil.rpcUrl,
      deployment: chain.deployment,
      merchantAddress: merchant,
      creatorAddress: creator,
      checkoutPort: 0,
      tipJarPort: 0,
      logger: false,
    })
    browser = await launchExtension()
    popup = await browser.openPopup()
    const ok = <T extends { ok: boolean }>(answer: T, what: string) => {
      if (!answer.ok) throw new Error(`${what} failed: ${JSON.stringify(answer)}`)
      return answer as T & { ok: true }
    }
    ok(
      await browser.request(popup, 'settings.update', {
        rpcUrl: chain.anvil.rpcUrl,
        relayerUrl: relayer.url,
        useRelayer: true,
      }),
      'settings.update',
    )
    ok(await browser.request(popup, 'wallet.create', { password }), 'wallet.create')
    const state = ok(await browser.request(popup, 'wallet.state'), 'wallet.state').data
    await chain.fund(state.publicAddress!, units('50'))
    const shield = ok(
      await browser.request(popup, 'tx.shield', {
        pool: chain.deployment.pool,
        amount: units('20').toString(),
      }),
      'tx.shield',
    ).data
    for (const end = Date.now() + PROOF_TIMEOUT; Date.now() < end; ) {
      const a = (await activities()).find((x) => x.id === shield.activityId)
      if (a?.status === 'settled') break
      if (a?.status === 'failed') throw new Error(`the shield failed: ${a.error}`)
      await popup.waitForTimeout(250)
    }
    checkout = await browser.context.newPage()
    await checkout.setViewportSize({ width: 900, height: 800 })
    await checkout.goto(sites.checkoutUrl)
    tipJar = await browser.context.newPage()
    await tipJar.setViewportSize({ width: 900, height: 800 })
    await tipJar.goto(sites.tipJarUrl)
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await sites?.stop()
    await relayer?.stop()
    await chain?.stop()
  })

  it('is there before the page runs, and answers discovery with a frozen detail', async () => {
    const found = await checkout.evaluate(() => {
      const w = window as unknown as { zkpay?: { isZkpay?: boolean } }
      let detail: { info: Record<string, string>; provider: unknown } | undefined
      window.addEventListener('zkpay:announceProvider', (e) => {
        detail = (e as CustomEvent).detail
      })
      window.dispatchEvent(new Event('zkpay:requestProvider'))
      return {
        isZkpay: w.zkpay?.isZkpay,
        info: detail?.info,
        same: detail?.provider === w.zkpay,
        frozen: detail ? Object.isFrozen(detail) && Object.isFrozen(detail.info) : false,
      }
    })
    expect(found).toMatchObject({
      isZkpay: true,
      same: true,
      frozen: true,
      info: { name: 'zkpay', rdns: 'xyz.zkpay' },
    })
    expect(found.info?.uuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(found.info?.icon).toMatch(/^data:image\//)
  })

  it('refuses a site that never connected (4100) and an unknown method (4200)', async () => {
    const pay = { to: merchant, amount: '1', token: chain.deployment.token }
    expect(await pageRequest(checkout, 'zkpay_pay', pay)).toMatchObject({
      ok: false,
      code: 4100,
      reason: 'unauthorized',
    })
    expect(await pageRequest(checkout, 'zkpay_accounts')).toEqual({ ok: true, result: [] })
    expect(await pageRequest(checkout, 'eth_sendTransaction', [{}])).toMatchObject({
      ok: false,
      code: 4200,
    })
    expect(resultOf(await pageRequest(checkout, 'zkpay_chainId'))).toBe('0x7a69')
  })

  it('connect: rejecting (or closing the window) is 4001; approving connects', async () => {
    await startRequest(checkout, 'reject', 'zkpay_connect')
    let window = await nextApproval(browser.context)
    await byTestId(window, 'approval-connect').waitFor()
    expect(await byTestId(window, 'approval-origin').textContent()).toBe(
      new URL(sites.checkoutUrl).origin,
    )
    await screenshot(window, 'site-01-connect')
    await decide(window, 'reject')
    expect(await answer(checkout, 'reject')).toMatchObject({ ok: false, code: 4001 })

    await startRequest(checkout, 'closed', 'zkpay_connect')
    window = await nextApproval(browser.context)
    await byTestId(window, 'approval-connect').waitFor()
    await window.close()
    expect(await answer(checkout, 'closed')).toMatchObject({ ok: false, code: 4001 })

    await startRequest(checkout, 'approved', 'zkpay_connect')
    window = await nextApproval(browser.context)
    await decide(window, 'approve')
    const connected = resultOf(await answer(checkout, 'approved')) as { address: string }
    const state = await browser.request(popup, 'wallet.state')
    expect(state.ok && connected.address).toBe(state.ok ? state.data.address : '')
    expect(resultOf(await pageRequest(checkout, 'zkpay_accounts'))).toEqual([connected.address])
  })

  it('refuses malformed params with -32602 and opens no window', async () => {
    const token = chain.deployment.token
    const bad = [
      { to: 'zkpay1nope', amount: '1', token },
      { to: merchant, amount: '0.1234567890123456789', token },
      { to: merchant, amount: '1e3', token },
      { to: merchant, amount: '1', token: 'zUSD' },
      { to: merchant, amount: '1', token, surprise: 1 },
    ]
    for (const params of bad)
      expect(await pageRequest(checkout, 'zkpay_pay', params)).toMatchObject({
        ok: false,
        code: -32602,
      })
    expect(openApprovals(browser.context)).toEqual([])
  })

  it('checkout: pay with approval, the shop verifies the receipt and marks the order paid', async () => {
    await checkout.reload()
    await byTestId(checkout, 'add-enamel-mug').click()
    await byTestId(checkout, 'add-zine').click()
    const total = (await byTestId(checkout, 'cart-total').textContent())?.split(' ')[0] ?? ''
    await byTestId(checkout, 'pay-button').click()
    const window = await nextApproval(browser.context)
    await byTestId(window, 'approval-payment').waitFor()
    expect(await byTestId(window, 'approval-amount').textContent()).toBe(total)
    expect(await byTestId(window, 'approval-to').textContent()).toBe(merchant)
    expect(await byTestId(window, 'approval-memo').textContent()).toMatch(/order \d+/)
    await waitForProofReady(window, PROOF_TIMEOUT)
    expect(await byTestId(window, 'approval-fee').textContent()).toMatch(/zUSD/)
    expect(await byTestId(window, 'approval-total').textContent()).toMatch(/zUSD/)
    expect(await byTestId(window, 'approval-approve').isEnabled()).toBe(true)
    await screenshot(window, 'site-02-pay-approval')
    await decide(window, 'approve')
    await checkout.locator('[data-testid="order-status"][data-status="paid"]').waitFor({
      timeout: PROOF_TIMEOUT,
    })
    await screenshot(checkout, 'site-03-checkout-paid')
    const orderId = await byTestId(checkout, 'order-id').textContent()
    const order = await (await fetch(`${sites.checkoutUrl}/api/orders/${orderId}`)).json()
    expect(order).toMatchObject({ status: 'paid' })
    const paid = (await activities()).find((a) => a.site === new URL(sites.checkoutUrl).origin)
    expect(paid).toMatchObject({ kind: 'send', status: 'settled', amount: units(total).toString() })
  })

  it('checkout: a rejected payment is 4001 and the page says so', async () => {
    await byTestId(checkout, 'add-zine').click()
    await byTestId(checkout, 'pay-button').click()
    const window = await nextApproval(browser.context)
    await decide(window, 'reject')
    await checkout.waitForFunction(() =>
      /4001/.test(document.querySelector('[data-testid="pay-error"]')?.textContent ?? ''),
    )
  })

  it('tip jar: inside the allowance tips settle with no window; over it, it asks', async () => {
    await byTestId(tipJar, 'connect-button').click()
    await decide(await nextApproval(browser.context), 'approve')
    await byTestId(tipJar, 'connected-address').waitFor()
    await byTestId(tipJar, 'allow-button').click()
    const allow = await nextApproval(browser.context)
    await byTestId(allow, 'approval-allowance').waitFor()
    await screenshot(allow, 'site-04-allowance')
    await decide(allow, 'approve')
    await tipJar.waitForFunction(() =>
      /left/i.test(document.querySelector('[data-testid="allowance-status"]')?.textContent ?? ''),
    )

    let windows = 0
    const countWindows = (p: Page) => {
      if (p.url().includes('/approval.html')) windows++
    }
    browser.context.on('page', countWindows)
    await byTestId(tipJar, 'tip-0.5').click()
    await waitForText(tipJar, 'tip-count', '1', PROOF_TIMEOUT)
    await byTestId(tipJar, 'tip-1').click()
    await waitForText(tipJar, 'tip-count', '2', PROOF_TIMEOUT)
    browser.context.off('page', countWindows)
    expect(windows).toBe(0)
    expect(await byTestId(tipJar, 'tip-total').textContent()).toMatch(/^1\.5\b/)
    // the allowance counts what left the wallet: both tips and their fees
    const fees = (await activities())
      .filter((a) => a.site === new URL(sites.tipJarUrl).origin)
      .reduce((sum, a) => sum + BigInt(a.fee ?? '0'), 0n)
    expect(fees).toBeGreaterThan(0n)
    const spentTips = units('1.5') + fees
    await screenshot(tipJar, 'site-05-tips')
    const server = await (await fetch(`${sites.tipJarUrl}/api/tips`)).json()
    expect(server).toMatchObject({ count: 2, total: '1.5' })

    // 3.5 less the fees left today: a tip of 4 asks
    const over = { to: creator, amount: '4', token: chain.deployment.token }
    await startRequest(tipJar, 'over', 'zkpay_tip', over)
    const window = await nextApproval(browser.context)
    await byTestId(window, 'approval-over-allowance').waitFor()
    await waitForProofReady(window, PROOF_TIMEOUT)
    await decide(window, 'approve')
    const receipt = parseReceipt(resultOf(await answer(tipJar, 'over')))
    const checked = await verifyReceipt({
      publicClient: chain.publicClient,
      receipt,
      address: creator,
      pool: chain.deployment.pool,
    })
    expect(checked.amount).toBe(units('4'))
    expect(resultOf(await pageRequest(tipJar, 'zkpay_allowances'))).toMatchObject([
      { amount: '5', spent: formatUnits(spentTips, 18), period: 'day' },
    ])
  })

  it("a second site cannot use the first site's allowance", async () => {
    const tip = { to: creator, amount: '0.01', token: chain.deployment.token, prompt: false }
    expect(await pageRequest(checkout, 'zkpay_tip', tip)).toMatchObject({ ok: false, code: 4100 })
    expect(resultOf(await pageRequest(checkout, 'zkpay_allowances'))).toEqual([])
  })

  it('a service worker stopped while an approval is open: the payment still completes', async () => {
    const params = { to: merchant, amount: '0.4', token: chain.deployment.token, memo: 'restart' }
    await startRequest(checkout, 'restart', 'zkpay_pay', params)
    const window = await nextApproval(browser.context)
    await byTestId(window, 'approval-payment').waitFor()
    await browser.stopServiceWorkers(popup)
    // The page's content script reconnects at once, which wakes a new worker; it
    // finds the request in the database and proves it again for the open window.
    await popup.waitForTimeout(500)
    await decide(window, 'approve')
    const receipt = parseReceipt(resultOf(await answer(checkout, 'restart')))
    expect(receipt).toMatchObject({ amount: units('0.4'), memo: 'restart' })
    await verifyReceipt({
      publicClient: chain.publicClient,
      receipt,
      address: merchant,
      pool: chain.deployment.pool,
    })
    const list = await activities()
    expect(list.filter((a) => a.memo === 'restart').map((a) => a.status)).toEqual(['settled'])
  })

  it('fuzz: malformed requests get only typed errors, and the wallet still works', async () => {
    const results = await checkout.evaluate(async () => {
      const w = window as unknown as {
        zkpay: { request(args: unknown): Promise<unknown> }
      }
      const methods = ['zkpay_pay', 'zkpay_tip', 'zkpay_requestAllowance', 'zkpay_connect', 'x']
      const values: unknown[] = [
        null,
        0,
        -1,
        Number.POSITIVE_INFINITY,
        '',
        'zkpay1',
        '0x',
        [],
        {},
        { to: null },
        { amount: '1'.repeat(200) },
        { to: 'a'.repeat(10_000) },
        { token: '0x0000000000000000000000000000000000000000', amount: '1', to: 'x' },
        { period: 'year', token: '0x5FbDB2315678afecb367f032d93F642f64180aa3', amount: '1' },
        { __proto__: { to: 'x' } },
        'x'.repeat(20_000),
      ]
      const out: unknown[] = []
      const calls: Promise<void>[] = []
      for (let i = 0; i < 120; i++) {
        const method = methods[i % methods.length]
        const params = values[i % values.length]
        const args = i % 17 === 0 ? params : { method, params }
        calls.push(
          w.zkpay.request(args).then(
            (result) => void out.push({ method, resolved: result }),
            (error: { code?: unknown; data?: { reason?: unknown } }) =>
              void out.push({ method, code: error?.code, reason: error?.data?.reason }),
          ),
        )
      }
      await Promise.all(calls)
      return out as { method: string; code?: number; reason?: string; resolved?: unknown }[]
    })
    const known = [4001, 4100, 4200, -32602]
    const unexpected = results.filter(
      (r) => !(r.code !== undefined && known.includes(r.code)) && r.method !== 'zkpay_connect',
    )
    expect(unexpected).toEqual([])
    expect(results).toHaveLength(120)
    // connect is answered at once for a connected site; nothing opened a window
    expect(openApprovals(browser.context)).toEqual([])
    expect(resultOf(await pageRequest(checkout, 'zkpay_accounts'))).toHaveLength(1)
    const state = await browser.request(popup, 'wallet.state')
    expect(state.ok && state.data.locked).toBe(false)
  })

  it('lists both sites in the popup, with the allowance and what was spent', async () => {
    await popup.reload()
    await byTestId(popup, 'nav-sites').click()
    await byTestId(popup, 'site').nth(1).waitFor()
    const origins = await byTestId(popup, 'site-origin').allTextContents()
    expect(origins.sort()).toEqual(
      [new URL(sites.checkoutUrl).origin, new URL(sites.tipJarUrl).origin].sort(),
    )
    const spent = (await activities())
      .filter(
        (a) => a.site === new URL(sites.tipJarUrl).origin && a.amount !== units('4').toString(),
      )
      .reduce((sum, a) => sum + BigInt(a.amount) + BigInt(a.fee ?? '0'), 0n)
    await waitForText(popup, 'allowance-spent', `${formatUnits(spent, 18)} zUSD`)
    await screenshot(popup, 'site-06-sites')
    const jar = popup.locator(
      `[data-testid="site"][data-origin="${new URL(sites.tipJarUrl).origin}"]`,
    )
    await jar.locator('[data-testid="site-disconnect"]').click()
    await byTestId(popup, 'site').nth(1).waitFor({ state: 'detached' })
    expect(resultOf(await pageRequest(tipJar, 'zkpay_accounts'))).toEqual([])
  })
})
