import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeAddress } from '../../lib/address.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { type ExtensionBrowser, launchExtension } from './helpers/extension.js'
import {
  type FakeBackgroundConfig,
  holdProving,
  openWithFakeBackground,
  releaseProving,
  sentRequests,
} from './helpers/fakeBackground.js'
import {
  byTestId,
  confirmSend,
  fillConfirmation,
  screenshot,
  unlockInPopup,
} from './helpers/popup.js'

// The popup against an in-page fake of the background (helpers/fakeBackground.ts):
// every screen, its validation and its progress, without a chain. The real
// background is exercised by payments.test.ts.

const mnemonic = generateMnemonic()
const keys = deriveKeys(mnemonic)
const address = encodeAddress({
  ownerKey: keys.ownerKey,
  viewingPublicKey: keys.viewingKey.publicKey,
})
const otherKeys = deriveKeys(generateMnemonic())
const other = encodeAddress({
  ownerKey: otherKeys.ownerKey,
  viewingPublicKey: otherKeys.viewingKey.publicKey,
})
const password = 'correct horse battery'
const pool = '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9'
const e18 = 10n ** 18n

const config: FakeBackgroundConfig = {
  address,
  publicAddress: keys.account.address,
  mnemonic,
  password,
  stageDelayMs: 200,
  failAmount: (7n * e18).toString(),
  state: {
    hasWallet: false,
    locked: true,
    publicEth: (2n * e18).toString(),
    sync: { state: 'idle', syncedBlock: '42' },
    settings: {
      rpcUrl: 'http://127.0.0.1:8545',
      relayerUrls: ['http://127.0.0.1:8547'],
      useRelayer: true,
      autoLockMinutes: 15,
    },
    balances: [
      {
        pool,
        token: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
        symbol: 'zUSD',
        decimals: 18,
        shielded: (50n * e18).toString(),
        pending: ((25n * e18) / 10n).toString(),
        public: (100n * e18).toString(),
        notes: 6,
      },
    ],
  },
}

describe('popup screens (fake background)', () => {
  let browser: ExtensionBrowser
  let page: Page

  beforeAll(async () => {
    browser = await launchExtension()
    page = await browser.context.newPage()
    await openWithFakeBackground(
      page,
      `chrome-extension://${browser.extensionId}/popup.html`,
      config,
    )
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('creates a wallet: password twice, the phrase once, three words back', async () => {
    await byTestId(page, 'screen-onboarding').waitFor()
    await screenshot(page, 'fake-00-onboarding')
    await byTestId(page, 'onboarding-create').click()
    await byTestId(page, 'password').fill(password)
    await byTestId(page, 'password-repeat').fill('something else')
    await byTestId(page, 'password-submit').click()
    expect(await page.getByRole('alert').textContent()).toBe('The two passwords differ.')
    await byTestId(page, 'password-repeat').fill(password)
    await byTestId(page, 'password-submit').click()
    await byTestId(page, 'phrase').waitFor()
    const words = await byTestId(page, 'phrase').locator('li').allTextContents()
    expect(words.join(' ')).toBe(mnemonic)
    expect(await byTestId(page, 'phrase-next').isDisabled()).toBe(true)
    await screenshot(page, 'fake-01-phrase')
    await byTestId(page, 'phrase-written').check()
    await byTestId(page, 'phrase-next').click()

    const wrong = words.map(() => 'abandon')
    await fillConfirmation(page, wrong)
    await byTestId(page, 'confirm-submit').click()
    expect(await byTestId(page, 'error').textContent()).toMatch(/does not match/)
    await fillConfirmation(page, words)
    await byTestId(page, 'confirm-submit').click()
    await byTestId(page, 'screen-home').waitFor()
  })

  it('shows balances, pending, public balance, gas, sync and a merge offer on Home', async () => {
    expect(await byTestId(page, 'shielded-balance').textContent()).toBe('50')
    expect(await byTestId(page, 'pending-balance').textContent()).toBe('2.5 zUSD pending')
    expect(await byTestId(page, 'public-balance').textContent()).toBe('100')
    expect(await byTestId(page, 'public-eth').textContent()).toBe('2')
    expect(await byTestId(page, 'sync-status').textContent()).toMatch(/Synced to block 42/)
    expect(await byTestId(page, 'merge-offer').textContent()).toMatch(/6 notes/)
    await screenshot(page, 'fake-02-home')
    await byTestId(page, 'sync-now').click()
    await page.getByText("Reading the pool's new notes… 50%").waitFor()
  })

  it('shows the address with a QR code on Receive', async () => {
    await byTestId(page, 'nav-receive').click()
    expect(await byTestId(page, 'receive-address').textContent()).toBe(address)
    expect(await byTestId(page, 'receive-qr').locator('path').getAttribute('d')).toMatch(/^M\d/)
    await screenshot(page, 'fake-03-receive')
    await byTestId(page, 'back').click()
  })

  it('validates the send form live and names each problem', async () => {
    await byTestId(page, 'nav-send').click()
    const submit = byTestId(page, 'send-submit')
    await byTestId(page, 'send-to').fill(`${other.slice(0, -1)}${other.endsWith('q') ? 'p' : 'q'}`)
    expect(await page.locator('.field-error').first().textContent()).toMatch(/checksum/)
    await byTestId(page, 'send-to').fill(keys.account.address)
    expect(await page.locator('.field-error').first().textContent()).toMatch(/Ethereum address/)
    await byTestId(page, 'send-to').fill(other)
    await page.getByText('Valid shielded address.').waitFor()
    await byTestId(page, 'send-amount').fill('1.1234567890123456789')
    await page.getByText('This token has at most 18 decimal places.').waitFor()
    await byTestId(page, 'send-amount').fill('60')
    await page.getByText(/More than your shielded balance/).waitFor()
    await byTestId(page, 'send-amount').fill('50')
    await byTestId(page, 'send-spend-error').waitFor()
    expect(await byTestId(page, 'send-spend-error').textContent()).toMatch(/50\.001 zUSD/)
    await byTestId(page, 'send-memo').fill('é'.repeat(33))
    await page.getByText('The memo is 66 bytes; at most 64 fit.').waitFor()
    expect(await submit.isDisabled()).toBe(true)
    await screenshot(page, 'fake-04-send-errors')
  })

  it('sends: fee shown, proof stages in words, then the tx hash', async () => {
    await byTestId(page, 'send-memo').fill('thanks')
    await byTestId(page, 'send-amount').fill('5')
    await byTestId(page, 'fee-amount').waitFor()
    const fee = await byTestId(page, 'fee').textContent()
    expect(fee).toMatch(/Fee: 0\.001 zUSD/)
    expect(fee).not.toMatch(/circuit|tx1/)
    await screenshot(page, 'fake-05-send')
    expect(await byTestId(page, 'send-submit').textContent()).toBe('Review')

    // The review: recipient, amount, fee, total and memo; Back keeps the form as it was.
    await byTestId(page, 'send-submit').click()
    await byTestId(page, 'send-review').waitFor()
    expect(await byTestId(page, 'review-recipient').textContent()).toBe(other)
    expect(await byTestId(page, 'review-amount').textContent()).toBe('5 zUSD')
    expect(await byTestId(page, 'review-fee').textContent()).toBe('0.001 zUSD')
    expect(await byTestId(page, 'review-total').textContent()).toBe('5.001 zUSD')
    expect(await byTestId(page, 'review-memo').textContent()).toBe('thanks')
    await screenshot(page, 'fake-05b-send-review')
    await byTestId(page, 'review-back').click()
    await byTestId(page, 'send-amount').waitFor()
    expect(await byTestId(page, 'send-to').inputValue()).toBe(other)
    expect(await byTestId(page, 'send-amount').inputValue()).toBe('5')
    expect(await byTestId(page, 'send-memo').inputValue()).toBe('thanks')
    expect(await sentRequests(page, 'tx.send')).toEqual([])

    await holdProving(page, true)
    await byTestId(page, 'fee-amount').waitFor()
    await confirmSend(page)
    await page.getByText('Making the zero-knowledge proof (about a second)…').waitFor()
    expect(await page.locator('.step.done').allTextContents()).toEqual([
      'Load proving key',
      'Compute witness',
    ])
    await screenshot(page, 'fake-06-send-proving')
    await releaseProving(page)
    await byTestId(page, 'tx-settled').waitFor()
    expect(await byTestId(page, 'tx-hash').textContent()).toBe(`0x${'ab'.repeat(32)}`)
    await screenshot(page, 'fake-07-send-settled')
    await byTestId(page, 'tx-done').click()
  })

  it('shows a failed send readably and offers the form again', async () => {
    await byTestId(page, 'nav-send').click()
    await byTestId(page, 'send-to').fill(other)
    await byTestId(page, 'send-amount').fill('7')
    await byTestId(page, 'fee-amount').waitFor()
    await confirmSend(page)
    await byTestId(page, 'tx-failed').waitFor()
    expect(await byTestId(page, 'tx-error').textContent()).toMatch(/fee too low/)
    await screenshot(page, 'fake-08-send-failed')
    await byTestId(page, 'tx-done').click()
  })

  it('fills Max: the shielded balance less the fee, which then fits exactly', async () => {
    // The recipient is a contact now: the review names it.
    await page.evaluate((address) => {
      const fake = (
        globalThis as unknown as {
          fakeBackground: {
            state: { settings: Record<string, unknown> }
            emit(message: unknown): void
          }
        }
      ).fakeBackground
      fake.state.settings.contacts = [{ name: 'Bob', address }]
      fake.emit({ event: 'state.changed' })
    }, other)
    await byTestId(page, 'nav-send').click()
    await byTestId(page, 'send-to').fill('bob')
    await byTestId(page, 'recipient-contact').waitFor()
    await byTestId(page, 'send-max').click()
    // 50 zUSD shielded, a fee of 0.001.
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="send-amount"]') as HTMLInputElement | null)
          ?.value === '49.999',
    )
    await byTestId(page, 'fee-amount').waitFor()
    expect(await byTestId(page, 'send-spend-error').count()).toBe(0)
    expect(await byTestId(page, 'send-submit').isDisabled()).toBe(false)
    await byTestId(page, 'send-submit').click()
    expect(await byTestId(page, 'review-total').textContent()).toBe('50 zUSD')
    expect(await byTestId(page, 'review-recipient').textContent()).toMatch(/^Bob · zkpay1/)
    await screenshot(page, 'fake-08b-send-max')
    await byTestId(page, 'review-back').click()
    // One unit more does not fit, and the form says so in a sentence.
    await byTestId(page, 'send-amount').fill('49.9991')
    await byTestId(page, 'send-spend-error').waitFor()
    expect(await byTestId(page, 'send-spend-error').textContent()).toMatch(
      /^Amount plus fee is 50\.0001 zUSD; you have 50 zUSD shielded\.$/,
    )
    await byTestId(page, 'back').click()
    await byTestId(page, 'screen-home').waitFor()
  })

  it('shields from the public account and unshields to a 0x address', async () => {
    await byTestId(page, 'nav-shield').click()
    await byTestId(page, 'shield-amount').fill('101')
    await page.getByText(/More than your public balance/).waitFor()
    await byTestId(page, 'shield-amount').fill('10')
    await screenshot(page, 'fake-09-shield')
    await byTestId(page, 'shield-submit').click()
    await byTestId(page, 'tx-settled').waitFor()
    await byTestId(page, 'tx-done').click()

    await byTestId(page, 'nav-unshield').click()
    await byTestId(page, 'unshield-to').fill('0x0000000000000000000000000000000000000000')
    expect(await page.locator('.field-error').first().textContent()).toMatch(/zero address/)
    await byTestId(page, 'unshield-to-own').click()
    expect(await byTestId(page, 'unshield-to').inputValue()).toBe(keys.account.address)
    await byTestId(page, 'unshield-amount').fill('2')
    await byTestId(page, 'fee-amount').waitFor()
    await screenshot(page, 'fake-10-unshield')
    await byTestId(page, 'unshield-submit').click()
    await byTestId(page, 'tx-settled').waitFor()
    await byTestId(page, 'tx-done').click()
  })

  it('warns, without blocking, that an unshield of a recent shield amount or to the own account links them', async () => {
    // The shield above put in exactly 10 zUSD.
    await byTestId(page, 'nav-unshield').click()
    const stranger = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
    await byTestId(page, 'unshield-to').fill(stranger)
    await byTestId(page, 'unshield-amount').fill('3')
    await byTestId(page, 'fee-amount').waitFor()
    expect(await byTestId(page, 'unshield-link-warning').count()).toBe(0)
    await byTestId(page, 'unshield-amount').fill('10')
    await byTestId(page, 'unshield-link-warning').waitFor()
    expect(await byTestId(page, 'unshield-link-warning').textContent()).toMatch(
      /You shielded exactly 10 zUSD recently/,
    )
    await byTestId(page, 'fee-amount').waitFor()
    expect(await byTestId(page, 'unshield-submit').isDisabled()).toBe(false)
    await screenshot(page, 'fake-10b-unshield-warning')
    await byTestId(page, 'unshield-amount').fill('3')
    await byTestId(page, 'unshield-to-own').click()
    await byTestId(page, 'unshield-link-warning').waitFor()
    expect(await byTestId(page, 'unshield-link-warning').textContent()).toMatch(
      /public account your shields come from/,
    )
    await byTestId(page, 'back').click()
    await byTestId(page, 'screen-home').waitFor()
  })

  it('lists the activity with kind, amount, status and error', async () => {
    await byTestId(page, 'nav-activity').click()
    const rows = byTestId(page, 'activity-row')
    await rows.nth(3).waitFor()
    const seen = await rows.evaluateAll((els) =>
      els.map((el) => `${el.getAttribute('data-kind')}:${el.getAttribute('data-status')}`),
    )
    expect(seen.sort()).toEqual([
      'send:failed',
      'send:settled',
      'shield:settled',
      'unshield:settled',
    ])
    expect(await byTestId(page, 'activity-error').textContent()).toMatch(/fee too low/)
    await screenshot(page, 'fake-11-activity')
    await byTestId(page, 'back').click()
  })

  it('offers to merge many notes', async () => {
    await byTestId(page, 'merge-offer').click()
    expect(await byTestId(page, 'merge-notes').textContent()).toBe('6')
    await screenshot(page, 'fake-12-merge')
    await byTestId(page, 'merge-submit').click()
    await byTestId(page, 'tx-settled').waitFor()
    await byTestId(page, 'tx-done').click()
  })

  it('saves settings and reveals secrets only with the password', async () => {
    await byTestId(page, 'nav-settings').click()
    await byTestId(page, 'settings-rpc').fill('not a url')
    expect(await byTestId(page, 'settings-save').isDisabled()).toBe(true)
    await byTestId(page, 'settings-rpc').fill('http://127.0.0.1:9545')
    await byTestId(page, 'settings-autolock').fill('5')
    await byTestId(page, 'settings-save').click()
    await byTestId(page, 'settings-saved').waitFor()
    const saved = await page.evaluate(
      () =>
        (globalThis as unknown as { fakeBackground: { state: { settings: unknown } } })
          .fakeBackground.state.settings,
    )
    expect(saved).toMatchObject({ rpcUrl: 'http://127.0.0.1:9545', autoLockMinutes: 5 })

    await byTestId(page, 'reveal-phrase-open').click()
    await byTestId(page, 'reveal-phrase-password').fill('wrong password')
    await byTestId(page, 'reveal-phrase-submit').click()
    expect(await byTestId(page, 'reveal-phrase-error').textContent()).toBe('Wrong password.')
    await byTestId(page, 'reveal-phrase-password').fill(password)
    await byTestId(page, 'reveal-phrase-submit').click()
    expect(await byTestId(page, 'reveal-phrase-secret').textContent()).toBe(mnemonic)
    await byTestId(page, 'reveal-phrase-close').click()
    await screenshot(page, 'fake-13-settings')
  })

  it('locks, refuses a wrong password, and unlocks', async () => {
    await byTestId(page, 'lock-now').click()
    await byTestId(page, 'screen-unlock').waitFor()
    await byTestId(page, 'unlock-password').fill('not it')
    await byTestId(page, 'unlock-submit').click()
    expect(await byTestId(page, 'unlock-error').textContent()).toBe('Wrong password.')
    await screenshot(page, 'fake-14-unlock-error')
    await unlockInPopup(page, password)
  })

  it('restores from the phrase on the lock screen: a warning, the phrase, a new password, Home', async () => {
    const newPassword = 'a brand new password'
    await byTestId(page, 'nav-settings').click()
    await byTestId(page, 'lock-now').click()
    await byTestId(page, 'screen-unlock').waitFor()
    await byTestId(page, 'unlock-restore').click()
    expect(await byTestId(page, 'restore-warning').textContent()).toMatch(
      /replaces the wallet on this device/,
    )
    await screenshot(page, 'fake-14b-restore')
    // Back leaves the wallet alone.
    await byTestId(page, 'back').click()
    await byTestId(page, 'unlock-restore').click()
    await byTestId(page, 'import-phrase').fill(mnemonic)
    await byTestId(page, 'password').fill(newPassword)
    await byTestId(page, 'password-repeat').fill(newPassword)
    await byTestId(page, 'import-submit').click()
    await byTestId(page, 'screen-home').waitFor()
    expect(await sentRequests(page, 'wallet.import')).toEqual([
      { mnemonic, password: newPassword, replace: true },
    ])
    // The old password no longer opens it; the new one does.
    await byTestId(page, 'nav-settings').click()
    await byTestId(page, 'lock-now').click()
    await byTestId(page, 'unlock-password').fill(password)
    await byTestId(page, 'unlock-submit').click()
    expect(await byTestId(page, 'unlock-error').textContent()).toBe('Wrong password.')
    await unlockInPopup(page, newPassword)
  })

  it('imports a wallet from a phrase', async () => {
    const fresh = await browser.context.newPage()
    await openWithFakeBackground(
      fresh,
      `chrome-extension://${browser.extensionId}/popup.html`,
      config,
    )
    await byTestId(fresh, 'onboarding-import').click()
    await byTestId(fresh, 'import-phrase').fill(`  ${mnemonic.toUpperCase()}  `)
    await byTestId(fresh, 'password').fill(password)
    await byTestId(fresh, 'password-repeat').fill(password)
    await byTestId(fresh, 'import-submit').click()
    await byTestId(fresh, 'screen-home').waitFor()
    await fresh.close()
  })
})
