import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { type ExtensionBrowser, launchExtension } from './helpers/extension.js'
import { byTestId, screenshot } from './helpers/popup.js'
import {
  answer,
  decide,
  nextApproval,
  pageRequest,
  resultOf,
  startRequest,
} from './helpers/site.js'

// The approval window's site warnings through the built extension: the
// origin at the top, "never used before" for a new site, "not secure" for
// plain http to another computer, and a red alert whose checkbox Approve
// waits for on a site eth-phishing-detect's bundled list names. One small
// page is served on 127.0.0.1 under three names: 127.0.0.1 itself, a
// `.test` name and a subdomain of a listed phishing domain, both mapped to
// 127.0.0.1 by Chromium's --host-resolver-rules.

const password = 'approval safety password'
const OTHER_HOST = 'zkpay-shop.test'
const PHISHING_HOST = 'wallet.bscbnb.vip' // bscbnb.vip is on the bundled list

describe('the approval window warns about the site', () => {
  let chain: LocalChain
  let server: Server
  let port: number
  let browser: ExtensionBrowser
  let popup: Page

  const origins = () => ({
    local: `http://127.0.0.1:${port}`,
    other: `http://${OTHER_HOST}:${port}`,
    phishing: `http://${PHISHING_HOST}:${port}`,
  })

  async function openSite(origin: string): Promise<Page> {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/`)
    await page.waitForFunction(() => 'zkpay' in window)
    expect(await page.evaluate(() => window.location.origin)).toBe(origin)
    // Plain http to another computer is no secure context (no crypto.randomUUID): the
    // provider works there all the same.
    expect(await page.evaluate(() => window.isSecureContext)).toBe(origin === origins().local)
    expect(resultOf(await pageRequest(page, 'zkpay_chainId'))).toBe('0x7a69')
    return page
  }

  /** The warnings the window shows, by their test ids. */
  const shown = (window: Page) =>
    window
      .locator('[data-testid^="approval-warning-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))

  /** axe's colour-contrast and form-label findings in the window's top part. */
  async function axeProblems(window: Page) {
    const result = await new AxeBuilder({ page: window })
      .include('[data-testid="screen-approval"]')
      .withRules(['color-contrast', 'label', 'aria-allowed-role', 'button-name'])
      .analyze()
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
  }

  beforeAll(async () => {
    chain = await startLocalChain()
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end('<!doctype html><title>A page</title><h1>A page that asks zkpay</h1>')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
    browser = await launchExtension(undefined, {
      args: [`--host-resolver-rules=MAP ${OTHER_HOST} 127.0.0.1, MAP ${PHISHING_HOST} 127.0.0.1`],
    })
    popup = await browser.openPopup()
    const settings = await browser.request(popup, 'settings.update', {
      rpcUrl: chain.anvil.rpcUrl,
      useRelayer: false,
    })
    expect(settings.ok).toBe(true)
    expect((await browser.request(popup, 'wallet.create', { password })).ok).toBe(true)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
    await chain?.stop()
  })

  it('a new site on this computer: its origin on top, "not used before", none once connected', async () => {
    const { local } = origins()
    const page = await openSite(local)
    await startRequest(page, 'connect', 'zkpay_connect')
    let window = await nextApproval(browser.context)
    await byTestId(window, 'approval-connect').waitFor()
    expect(await byTestId(window, 'approval-origin').textContent()).toBe(local)
    expect(await shown(window)).toEqual(['approval-warning-new-site'])
    expect(await byTestId(window, 'approval-warning-new-site').textContent()).toMatch(
      /not used this site with zkpay before/,
    )
    expect(await byTestId(window, 'approval-approve').isEnabled()).toBe(true)
    expect(await axeProblems(window)).toEqual([])
    await decide(window, 'approve')
    resultOf(await answer(page, 'connect'))

    await startRequest(page, 'allowance', 'zkpay_requestAllowance', {
      token: chain.deployment.token,
      amount: '1',
      period: 'day',
    })
    window = await nextApproval(browser.context)
    await byTestId(window, 'approval-allowance').waitFor()
    expect(await byTestId(window, 'approval-origin').textContent()).toBe(local)
    expect(await byTestId(window, 'approval-warnings').count()).toBe(0)
    await decide(window, 'reject')
    expect(await answer(page, 'allowance')).toMatchObject({ ok: false, code: 4001 })
    await page.close()
  })

  it('plain http to another computer: "not secure" and "not used before"', async () => {
    const { other } = origins()
    const page = await openSite(other)
    await startRequest(page, 'connect', 'zkpay_connect')
    const window = await nextApproval(browser.context)
    await byTestId(window, 'approval-connect').waitFor()
    expect(await byTestId(window, 'approval-origin').textContent()).toBe(other)
    expect(await shown(window)).toEqual(['approval-warning-insecure', 'approval-warning-new-site'])
    expect(await byTestId(window, 'approval-warning-insecure').textContent()).toMatch(
      /does not use a secure connection \(its address starts with http:\/\//,
    )
    expect(await byTestId(window, 'approval-approve').isEnabled()).toBe(true)
    await decide(window, 'reject')
    expect(await answer(page, 'connect')).toMatchObject({ ok: false, code: 4001 })
    await page.close()
  })

  it('a listed phishing site: a red alert, and Approve only after its checkbox, in both themes', async () => {
    const { phishing } = origins()
    const page = await openSite(phishing)
    await startRequest(page, 'connect', 'zkpay_connect')
    const window = await nextApproval(browser.context)
    await byTestId(window, 'approval-connect').waitFor()
    expect(await byTestId(window, 'approval-origin').textContent()).toBe(phishing)
    expect(await shown(window)).toEqual([
      'approval-warning-phishing',
      'approval-warning-insecure',
      'approval-warning-new-site',
    ])
    const alert = window.getByRole('alert')
    expect(await alert.getAttribute('data-testid')).toBe('approval-warning-phishing')
    expect(await alert.textContent()).toMatch(/reported as phishing/)

    const approve = byTestId(window, 'approval-approve')
    const confirm = window.getByLabel('I understand this site is reported as phishing', {
      exact: false,
    })
    expect(await confirm.getAttribute('data-testid')).toBe('approval-phishing-confirm')
    expect(await approve.isDisabled()).toBe(true)
    await confirm.check()
    expect(await approve.isEnabled()).toBe(true)
    await confirm.uncheck()
    expect(await approve.isDisabled()).toBe(true)

    // Readable in the light theme and the dark one (the window follows the system's).
    for (const colorScheme of ['light', 'dark'] as const) {
      await window.emulateMedia({ colorScheme })
      await window.waitForFunction(
        (theme) => document.documentElement.dataset.theme === theme,
        colorScheme,
      )
      expect(await axeProblems(window)).toEqual([])
      await screenshot(window, `approval-phishing-${colorScheme}`)
    }

    await confirm.check()
    await decide(window, 'approve')
    expect(resultOf(await answer(page, 'connect'))).toMatchObject({ chainId: '0x7a69' })
    await page.close()
  })
})
