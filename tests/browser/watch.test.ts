import type { Page } from 'playwright-core'
import { parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeAddress } from '../../lib/address.js'
import { encodeFullViewingKey } from '../../lib/fullViewingKey.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { newWallet } from '../helpers/wallets.js'
import { type ExtensionBrowser, launchExtension } from './helpers/extension.js'
import { byTestId, screenshot, waitForText } from './helpers/popup.js'

// "Watch a wallet": the built extension, onboarded from a full viewing key,
// shows the watched wallet's balance and its payments (spends included) and
// offers no way to spend.

const units = (amount: string) => parseUnits(amount, 18)
const password = 'watcher password'

describe('watching a wallet from its viewing key', () => {
  let chain: LocalChain
  let browser: ExtensionBrowser
  let popup: Page
  let viewingKey: string

  beforeAll(async () => {
    chain = await startLocalChain()
    const mnemonic = generateMnemonic()
    const watched = await newWallet(chain, units('10'), mnemonic)
    await watched.shield(units('10'))
    const bobKeys = deriveKeys(generateMnemonic())
    const bob = encodeAddress({
      ownerKey: bobKeys.ownerKey,
      viewingPublicKey: bobKeys.viewingKey.publicKey,
    })
    await watched.pay(bob, units('3'), { memo: 'rent' })
    viewingKey = encodeFullViewingKey(deriveKeys(mnemonic))
    browser = await launchExtension()
    popup = await browser.openPopup()
    const set = await browser.request(popup, 'settings.update', { rpcUrl: chain.anvil.rpcUrl })
    if (!set.ok) throw new Error(set.error.message)
    await popup.reload()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await chain?.stop()
  })

  it('onboards from the key, shows the balance and the spend, and has no way to pay', async () => {
    await byTestId(popup, 'onboarding-watch').click()
    await byTestId(popup, 'screen-watch').waitFor()
    // A key with a wrong character is refused with a readable error and nothing is stored.
    const typo = `${viewingKey.slice(0, -1)}${viewingKey.endsWith('q') ? 'p' : 'q'}`
    await byTestId(popup, 'import-phrase').fill(typo)
    await byTestId(popup, 'password').fill(password)
    await byTestId(popup, 'password-repeat').fill(password)
    await byTestId(popup, 'import-submit').click()
    await popup.getByText(/checksum/).waitFor({ timeout: 30_000 })
    const state = await browser.request(popup, 'wallet.state')
    expect(state.ok && state.data.hasWallet).toBe(false)

    await byTestId(popup, 'import-phrase').fill(viewingKey)
    await byTestId(popup, 'import-submit').click()
    await byTestId(popup, 'screen-home').waitFor({ timeout: 60_000 })
    await byTestId(popup, 'view-only-banner').waitFor()
    await waitForText(popup, 'shielded-balance', '7', 60_000)
    await screenshot(popup, '30-watch-home')
    for (const action of ['nav-send', 'nav-shield', 'nav-unshield']) {
      expect(await byTestId(popup, action).count()).toBe(0)
    }

    await byTestId(popup, 'nav-activity').click()
    const sent = popup.locator('[data-testid="activity-row"][data-kind="send"]')
    await sent.waitFor({ timeout: 30_000 })
    expect(await sent.textContent()).toContain('rent')
    expect(await popup.locator('[data-testid="activity-row"][data-kind="shield"]').count()).toBe(1)

    // The background refuses a spend even when asked directly.
    const refused = await browser.request(popup, 'tx.shield', {
      pool: chain.deployment.pool,
      amount: '1',
    })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.code).toBe('view_only')
  })
})
