import type { Page } from 'playwright-core'
import { createTestClient, formatUnits, http, parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PoolWallet } from '../../lib/wallet/createPoolWallet.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { newWallet } from '../helpers/wallets.js'
import { type ExtensionBrowser, launchExtension } from './helpers/extension.js'
import { byTestId, screenshot, waitForText } from './helpers/popup.js'

// The receiving side: an extension whose popup is open shows a payment made
// to it within one block of the block that includes it, on a chain that
// keeps making blocks (one every BLOCK_MS, as a real chain would).

const units = (amount: string) => parseUnits(amount, 18)
const BLOCK_MS = 3_000

describe('an extension receiving a payment', () => {
  let chain: LocalChain
  let browser: ExtensionBrowser
  let popup: Page
  let payer: PoolWallet
  let miner: ReturnType<typeof setInterval> | undefined

  beforeAll(async () => {
    chain = await startLocalChain()
    payer = await newWallet(chain, units('10'))
    await payer.shield(units('10'))
    browser = await launchExtension()
    popup = await browser.openPopup()
    const set = await browser.request(popup, 'settings.update', { rpcUrl: chain.anvil.rpcUrl })
    if (!set.ok) throw new Error(set.error.message)
    const created = await browser.request(popup, 'wallet.create', { password: 'receiver pass' })
    if (!created.ok) throw new Error(created.error.message)
    await popup.reload()
    await byTestId(popup, 'screen-home').waitFor()
    await waitForText(popup, 'shielded-balance', '0')
  }, 180_000)

  afterAll(async () => {
    clearInterval(miner)
    await browser?.close()
    await chain?.stop()
  })

  it('shows the note and its memo before the next block after the one that includes it', async () => {
    const testClient = createTestClient({ mode: 'anvil', transport: http(chain.anvil.rpcUrl) })
    miner = setInterval(() => void testClient.mine({ blocks: 1 }).catch(() => {}), BLOCK_MS)
    const state = await browser.request(popup, 'wallet.state')
    if (!state.ok || !state.data.address) throw new Error('the receiver has no address')

    const { receipt } = await payer.pay(state.data.address, units('2.5'), { memo: 'for lunch' })
    const included = receipt!.blockNumber
    await waitForText(popup, 'shielded-balance', '2.5', 4 * BLOCK_MS)
    const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 })
    console.info(
      `[browser] the receiver showed the payment at head ${head}, included in block ${included}`,
    )
    expect(head - included).toBeLessThanOrEqual(1n)
    await screenshot(popup, '17-receiver-home')

    await byTestId(popup, 'nav-activity').click()
    const row = popup.locator('[data-testid="activity-row"][data-kind="receive"]')
    await row.waitFor()
    expect(await row.textContent()).toContain('for lunch')
    expect(await row.locator('[data-testid="activity-amount"]').textContent()).toContain(
      formatUnits(units('2.5'), 18),
    )
  })
})
