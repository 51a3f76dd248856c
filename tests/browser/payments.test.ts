import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { formatUnits, parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Activity, WalletState } from '../../background/messages.js'
import type { PoolWallet } from '../../lib/wallet/createPoolWallet.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { newWallet } from '../helpers/wallets.js'
import { type RelayerFixture, startRelayer } from '../relayer/fixture.js'
import { type ExtensionBrowser, launchExtension } from './helpers/extension.js'
import {
  byTestId,
  confirmSend,
  createWalletInPopup,
  recordEvents,
  screenshot,
  seenEvents,
  unlockInPopup,
  waitForText,
} from './helpers/popup.js'

// The built extension in Chromium against a local anvil, pool and relayer:
// create a wallet in the popup, shield, pay a headless wallet, lock and
// unlock, and lose the service worker in the middle of a payment.

const units = (amount: string) => parseUnits(amount, 18)
const show = (value: bigint) => formatUnits(value, 18)
const password = 'browser test password'
/** A proof in Chromium on 2 shared cores, a relay and a block. */
const SETTLE_TIMEOUT = 90_000

/**
 * A relayer's front that passes reads (status, quotes) to `target` and never
 * answers a relay: the wallet cannot know whether it went out.
 */
async function hangingRelayer(target: string) {
  const server = createServer(async (req, res) => {
    if (req.method === 'POST') return // never answered
    const response = await fetch(`${target}${req.url}`)
    res.writeHead(response.status, { 'content-type': 'application/json' })
    res.end(await response.text())
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => {
      server.closeAllConnections()
      server.close()
    },
  }
}

describe('the extension on a local chain', () => {
  let chain: LocalChain
  let relayer: RelayerFixture
  let browser: ExtensionBrowser
  let page: Page
  let receiver: PoolWallet
  /** The relayer's fee for a 1-input payment, read off the send form. */
  let fee = 0n

  const state = async (): Promise<WalletState> => {
    const answer = await browser.request(page, 'wallet.state')
    if (!answer.ok) throw new Error(`wallet.state failed: ${answer.error.message}`)
    return answer.data
  }
  const activities = async (): Promise<Activity[]> => {
    const answer = await browser.request(page, 'activity.list')
    if (!answer.ok) throw new Error(`activity.list failed: ${answer.error.message}`)
    return answer.data
  }

  beforeAll(async () => {
    chain = await startLocalChain()
    relayer = await startRelayer(chain)
    browser = await launchExtension()
    page = await browser.openPopup()
    // The test's chain and relayer run on free ports; the extension is told
    // where, as a user would in Settings, before it first syncs.
    const updated = await browser.request(page, 'settings.update', {
      rpcUrl: chain.anvil.rpcUrl,
      relayerUrl: relayer.url,
      useRelayer: true,
    })
    if (!updated.ok) throw new Error(`settings.update failed: ${updated.error.message}`)
    await page.reload()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await relayer?.stop()
    await chain?.stop()
  })

  it('creates a wallet in the popup and watches the test pool', async () => {
    await byTestId(page, 'screen-onboarding').waitFor()
    await screenshot(page, '01-onboarding')
    await createWalletInPopup(page, password, true)
    const wallet = await state()
    expect(wallet).toMatchObject({ hasWallet: true, locked: false })
    expect(wallet.address).toMatch(/^zkpay1/)
    const pools = wallet.balances?.map((b) => b.pool.toLowerCase()) ?? []
    expect(
      pools,
      `the extension was built for pools ${pools.join(', ')}; the test chain deployed ${chain.deployment.pool}`,
    ).toContain(chain.deployment.pool.toLowerCase())
    await screenshot(page, '05-home-new')
  })

  it('shields tokens sent to its public account', async () => {
    const { publicAddress } = await state()
    await chain.fund(publicAddress!, units('100'))
    await byTestId(page, 'sync-now').click()
    await waitForText(page, 'public-balance', '100')
    await waitForText(page, 'public-eth', '100')

    await byTestId(page, 'nav-shield').click()
    await byTestId(page, 'shield-amount').fill('60')
    await screenshot(page, '06-shield')
    await byTestId(page, 'shield-submit').click()
    await byTestId(page, 'tx-progress').waitFor()
    await byTestId(page, 'tx-settled').waitFor({ timeout: SETTLE_TIMEOUT })
    await screenshot(page, '07-shield-settled')
    await byTestId(page, 'tx-done').click()
    await waitForText(page, 'shielded-balance', '60')
    await waitForText(page, 'public-balance', '40')
    expect(await chain.tokenBalance(chain.deployment.pool)).toBe(units('60'))
  })

  it('shows its shielded address on Receive', async () => {
    await byTestId(page, 'nav-receive').click()
    expect(await byTestId(page, 'receive-address').textContent()).toBe((await state()).address)
    await byTestId(page, 'receive-qr').waitFor()
    await screenshot(page, '08-receive')
    await byTestId(page, 'back').click()
  })

  it('pays a second wallet privately, with proof stages, and the receiver finds the note', async () => {
    receiver = await newWallet(chain)
    await recordEvents(page)
    await byTestId(page, 'nav-send').click()
    await byTestId(page, 'send-to').fill(receiver.address)
    await byTestId(page, 'send-amount').fill('12.5')
    await byTestId(page, 'send-memo').fill('thanks from the browser')
    await byTestId(page, 'fee-amount').waitFor({ timeout: 30_000 })
    fee = units((await byTestId(page, 'fee-amount').textContent()) ?? '')
    await screenshot(page, '09-send')

    await byTestId(page, 'send-submit').click()
    await byTestId(page, 'send-review').waitFor()
    // The review's total is what leaves the wallet: the amount and the fee.
    const total = await byTestId(page, 'review-total').textContent()
    expect(total?.split(' ')[0]).toBe(show(units('12.5') + fee))
    await screenshot(page, '09b-send-review')
    const clicked = Date.now()
    await byTestId(page, 'review-confirm').click()
    await byTestId(page, 'tx-progress').waitFor()
    await screenshot(page, '10-send-progress')
    await byTestId(page, 'tx-settled').waitFor({ timeout: SETTLE_TIMEOUT })
    console.info(`[browser] send: click → settled on screen in ${Date.now() - clicked} ms`)
    const txHash = await byTestId(page, 'tx-hash').textContent()
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/)
    await screenshot(page, '11-send-settled')

    const stages = (await seenEvents(page))
      .filter((e) => e.event === 'proof.progress')
      .map((e) => e.data?.stage)
    expect(stages).toContain('proving')

    await receiver.sync()
    expect(receiver.balance()).toBe(units('12.5'))
    expect(receiver.state.notes.find((n) => n.amount === units('12.5'))).toMatchObject({
      memo: 'thanks from the browser',
      txHash,
    })
    await byTestId(page, 'tx-done').click()
    await waitForText(page, 'shielded-balance', show(units('47.5') - fee))
    await screenshot(page, '12-home-after-send')
  })

  it('lists the shield and the payment as settled in Activity', async () => {
    await byTestId(page, 'nav-activity').click()
    await byTestId(page, 'activity-row').nth(1).waitFor()
    const rows = await byTestId(page, 'activity-row').evaluateAll((els) =>
      els.map((el) => `${el.getAttribute('data-kind')}:${el.getAttribute('data-status')}`),
    )
    expect(rows).toEqual(expect.arrayContaining(['send:settled', 'shield:settled']))
    await screenshot(page, '13-activity')
    await byTestId(page, 'back').click()
  })

  it('locks, refuses a wrong password, and unlocks to the same balance', async () => {
    await byTestId(page, 'nav-settings').click()
    await screenshot(page, '14-settings')
    await byTestId(page, 'lock-now').click()
    await byTestId(page, 'screen-unlock').waitFor()
    expect((await state()).locked).toBe(true)
    await byTestId(page, 'unlock-password').fill('not the password')
    await byTestId(page, 'unlock-submit').click()
    await byTestId(page, 'unlock-error').waitFor({ timeout: 30_000 })
    expect(await byTestId(page, 'unlock-error').textContent()).toMatch(/password/i)
    await screenshot(page, '15-unlock-wrong-password')
    await unlockInPopup(page, password)
    await waitForText(page, 'shielded-balance', show(units('47.5') - fee))
  })

  it('finishes or cleanly fails a payment whose service worker is stopped mid-way', async () => {
    const before = units('47.5') - fee
    await byTestId(page, 'nav-send').click()
    await byTestId(page, 'send-to').fill(receiver.address)
    await byTestId(page, 'send-amount').fill('3')
    await byTestId(page, 'fee-amount').waitFor({ timeout: 30_000 })
    await confirmSend(page)
    await page.waitForSelector('[data-testid="tx-progress"][data-stage]:not([data-stage=""])', {
      timeout: 30_000,
    })
    const stoppedAt = await byTestId(page, 'tx-progress').getAttribute('data-stage')
    await browser.stopServiceWorkers(page)
    console.info(`[browser] service worker stopped at proof stage "${stoppedAt}"`)

    // The next request wakes a new worker, which must end the payment one way or the other.
    let payment: Activity | undefined
    const deadline = Date.now() + SETTLE_TIMEOUT
    while (Date.now() < deadline) {
      payment = (await activities()).find(
        (a) => a.kind === 'send' && a.amount === units('3').toString(),
      )
      if (payment?.status === 'settled' || payment?.status === 'failed') break
      await page.waitForTimeout(1000)
    }
    expect(payment?.status, `the payment is still "${payment?.status}"`).toMatch(
      /^(settled|failed)$/,
    )
    console.info(
      `[browser] after the restart the payment ${payment?.status}: ${payment?.error ?? ''}`,
    )

    // The popup shows the outcome instead of spinning on.
    await page
      .locator('[data-testid="tx-settled"], [data-testid="tx-failed"]')
      .first()
      .waitFor({ timeout: 30_000 })
    await screenshot(page, '16-after-worker-stop')

    await byTestId(page, 'tx-done').click()
    if ((await state()).locked) await unlockInPopup(page, password)
    await browser.request(page, 'sync.now')
    await receiver.sync()
    if (payment?.status === 'settled') {
      await waitForText(page, 'shielded-balance', show(before - units('3') - fee))
      expect(receiver.balance()).toBe(units('15.5'))
    } else {
      // Failed: nothing left the wallet and the notes are spendable again.
      await waitForText(page, 'shielded-balance', show(before))
      expect(receiver.balance()).toBe(units('12.5'))
      const balance = (await state()).balances?.[0]
      expect(balance?.pending).toBe('0')
      const retry = await browser.request(page, 'tx.send', {
        pool: chain.deployment.pool,
        to: receiver.address,
        amount: units('3').toString(),
      })
      if (!retry.ok) throw new Error(`the retry was refused: ${retry.error.message}`)
      await waitForText(page, 'shielded-balance', show(before - units('3') - fee), SETTLE_TIMEOUT)
      await receiver.sync()
      expect(receiver.balance()).toBe(units('15.5'))
    }
  })

  it('a relayer that never answers: the progress offers Cancel, which stops waiting and says so', async () => {
    const front = await hangingRelayer(relayer.url)
    try {
      const switched = await browser.request(page, 'settings.update', { relayerUrl: front.url })
      if (!switched.ok) throw new Error(`settings.update failed: ${switched.error.message}`)
      await byTestId(page, 'nav-send').click()
      await byTestId(page, 'send-to').fill(receiver.address)
      await byTestId(page, 'send-amount').fill('1')
      await byTestId(page, 'fee-amount').waitFor({ timeout: 30_000 })
      await confirmSend(page)
      // Sent to the relayer, which never answers: within 30 s the user can stop waiting.
      await page.waitForSelector('[data-testid="tx-progress"][data-stage="submitting"]', {
        timeout: SETTLE_TIMEOUT,
      })
      const asked = Date.now()
      await byTestId(page, 'tx-cancel').click()
      await byTestId(page, 'tx-tracking').waitFor({ timeout: 30_000 })
      expect(Date.now() - asked).toBeLessThan(30_000)
      const payment = (await activities()).find(
        (a) => a.kind === 'send' && a.amount === units('1').toString(),
      )
      // Not failed yet: it may still land, so the wallet watches the chain for it.
      expect(payment?.status).not.toBe('failed')
      expect(payment?.status).not.toBe('settled')
    } finally {
      front.stop()
      await browser.request(page, 'settings.update', { relayerUrl: relayer.url })
    }
  })
})
