/**
 * The browser half of `npm run bench`: the built extension in Debian's
 * Chromium against a local chain, relayer and the demo sites. Proof times
 * come from the extension's own proof.progress events (the offscreen
 * prover's stages), so they are the proofs a user waits for.
 */
import { spawnSync } from 'node:child_process'
import type { Page } from 'playwright-core'
import { parseUnits } from 'viem'
import type { BackgroundEvent } from '../../background/messages.js'
import { startDemoSites } from '../../demo/startDemoSites.js'
import { encodeAddress } from '../../lib/address.js'
import type { CircuitName } from '../../lib/circuits.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { launchExtension } from '../../tests/browser/helpers/extension.js'
import { root } from '../../tests/browser/helpers/paths.js'
import { byTestId } from '../../tests/browser/helpers/popup.js'
import {
  answer,
  decide,
  nextApproval,
  startRequest,
  waitForProofReady,
} from '../../tests/browser/helpers/site.js'
import { startLocalChain } from '../../tests/helpers/localChain.js'
import { startRelayer } from '../../tests/relayer/fixture.js'

const units = (x: string) => parseUnits(x, 18)
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
const round = (x: number) => Math.round(x)

type Timed = BackgroundEvent & { t: number }

export type BrowserBench = {
  popupToBalanceMs: number
  /** The first proof after the prover page opens (loads keys and wasm). */
  coldProofMs: number
  /** Loading stage to proof done, warm, per circuit (median). */
  proveMs: Partial<Record<CircuitName, number>>
  proveRuns: Partial<Record<CircuitName, number[]>>
  /** Site payment: the Approve click to the receipt in the page (relay and one block). */
  approveToReceiptMs: number
  /** A tip inside the allowance: the page's request to its receipt (prove, relay, block). */
  tipRequestToReceiptMs: number
}

function address() {
  const keys = deriveKeys(generateMnemonic())
  return encodeAddress({ ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey })
}

/** Records every background event the page hears, with its time. */
async function recordTimedEvents(page: Page) {
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      timed?: unknown[]
      chrome: { runtime: { onMessage: { addListener(l: (m: object) => void): void } } }
    }
    g.timed = []
    g.chrome.runtime.onMessage.addListener(
      (m) => void g.timed?.push({ ...m, t: performance.now() }),
    )
  })
}
const timedEvents = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { timed: unknown[] }).timed) as Promise<Timed[]>

/** Loading → proof ready, from one payment's proof.progress events. */
function proofMs(events: Timed[], activityId: string): number | undefined {
  const mine = events.filter(
    (e) => e.event === 'proof.progress' && e.data.activityId === activityId,
  )
  const start = mine.find((e) => e.event === 'proof.progress' && e.data.stage === 'loading')
  const end = mine.find(
    (e) => e.event === 'proof.progress' && ['ready', 'submitting'].includes(e.data.stage),
  )
  return start && end ? end.t - start.t : undefined
}

export async function benchBrowser(runs: number, log: (line: string) => void) {
  const build = spawnSync(`${root}/node_modules/.bin/wxt`, ['build'], {
    cwd: root,
    env: { ...process.env, WXT_ZKPAY_DEPLOYMENT: 'anvil' },
  })
  if (build.status !== 0) throw new Error(`wxt build failed: ${build.stderr}`)
  const chain = await startLocalChain()
  const relayer = await startRelayer(chain)
  const merchant = address()
  const sites = await startDemoSites({
    rpcUrl: chain.anvil.rpcUrl,
    deployment: chain.deployment,
    merchantAddress: merchant,
    creatorAddress: address(),
    checkoutPort: 0,
    tipJarPort: 0,
    logger: false,
  })
  const browser = await launchExtension()
  try {
    const popup = await browser.openPopup()
    const must = async <T>(p: Promise<{ ok: true; data: T } | { ok: false; error: unknown }>) => {
      const a = await p
      if (!a.ok) throw new Error(JSON.stringify(a.error))
      return a.data
    }
    await must(
      browser.request(popup, 'settings.update', {
        rpcUrl: chain.anvil.rpcUrl,
        relayerUrl: relayer.url,
        useRelayer: true,
      }),
    )
    await must(browser.request(popup, 'wallet.create', { password: 'bench password' }))
    const { publicAddress } = await must(browser.request(popup, 'wallet.state'))
    await chain.fund(publicAddress!, units('1000'))
    await recordTimedEvents(popup)
    const pool = chain.deployment.pool

    const settle = async (activityId: string) => {
      for (;;) {
        const list = await must(browser.request(popup, 'activity.list'))
        const a = list.find((x) => x.id === activityId)
        if (a?.status === 'settled') return
        if (a?.status === 'failed') throw new Error(`a bench payment failed: ${a.error}`)
        await popup.waitForTimeout(100)
      }
    }
    const proveRuns: Partial<Record<CircuitName, number[]>> = { tx1: [], tx2: [], tx8: [] }
    const timeProof = async (circuit: CircuitName, start: Promise<{ activityId: string }>) => {
      const { activityId } = await start
      await settle(activityId)
      const ms = proofMs(await timedEvents(popup), activityId)
      if (ms !== undefined) proveRuns[circuit]!.push(ms)
    }

    // tx1: shields (no input notes); they also leave notes of 1 for the bigger circuits.
    const notes = 3 * runs + 4
    for (let i = 0; i < notes; i++)
      await timeProof(
        'tx1',
        must(browser.request(popup, 'tx.shield', { pool, amount: `${units('1')}` })),
      )
    const coldProofMs = proveRuns.tx1!.shift()!
    // tx2: payments that need two notes of 1.
    for (let i = 0; i < runs; i++) {
      const amount = `${units('1.5')}`
      const { circuit } = await must(browser.request(popup, 'tx.quoteFee', { pool, amount }))
      await timeProof(
        circuit as CircuitName,
        must(browser.request(popup, 'tx.send', { pool, to: merchant, amount })),
      )
    }
    // tx8: merges of the notes left.
    for (let i = 0; i < runs; i++) {
      await timeProof('tx8', must(browser.request(popup, 'tx.merge', { pool })))
      for (let k = 0; k < 3; k++)
        await timeProof(
          'tx1',
          must(browser.request(popup, 'tx.shield', { pool, amount: `${units('0.1')}` })),
        )
    }
    const proveMs = Object.fromEntries(
      Object.entries(proveRuns).map(([c, xs]) => [c, round(median(xs!))]),
    ) as BrowserBench['proveMs']
    log(`browser proofs: cold ${round(coldProofMs)} ms; warm ${JSON.stringify(proveMs)}`)

    // Popup open → the balance on screen.
    const opens: number[] = []
    for (let i = 0; i < runs; i++) {
      const page = await browser.context.newPage()
      const t0 = performance.now()
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`)
      await byTestId(page, 'shielded-balance').waitFor()
      opens.push(performance.now() - t0)
      await page.close()
    }
    const popupToBalanceMs = round(median(opens))
    log(`popup open → balance: ${popupToBalanceMs} ms`)

    // A site: connect, then payments with approval, and tips inside an allowance.
    const site = await browser.context.newPage()
    await site.goto(sites.checkoutUrl)
    await startRequest(site, 'connect', 'zkpay_connect')
    await decide(await nextApproval(browser.context), 'approve')
    await answer(site, 'connect')
    const pay = { to: merchant, amount: '0.2', token: chain.deployment.token }
    const approveRuns: number[] = []
    for (let i = 0; i < runs; i++) {
      await startRequest(site, `pay${i}`, 'zkpay_pay', pay)
      const window = await nextApproval(browser.context)
      await waitForProofReady(window, 120_000)
      const t0 = performance.now()
      await decide(window, 'approve')
      const a = await answer(site, `pay${i}`)
      approveRuns.push(performance.now() - t0)
      if (!a.ok) throw new Error(`a bench payment failed: ${String(a.message)}`)
    }
    await startRequest(site, 'allow', 'zkpay_requestAllowance', {
      token: chain.deployment.token,
      amount: '100',
      period: 'day',
    })
    await decide(await nextApproval(browser.context), 'approve')
    await answer(site, 'allow')
    const tipRuns: number[] = []
    for (let i = 0; i < runs; i++) {
      const ms = await site.evaluate(async (params) => {
        const w = window as unknown as { zkpay: { request(a: unknown): Promise<unknown> } }
        const t0 = performance.now()
        await w.zkpay.request({ method: 'zkpay_tip', params })
        return performance.now() - t0
      }, pay)
      tipRuns.push(ms)
    }
    const approveToReceiptMs = round(median(approveRuns))
    const tipRequestToReceiptMs = round(median(tipRuns))
    log(
      `site: approve → receipt ${approveToReceiptMs} ms; tip request → receipt ${tipRequestToReceiptMs} ms`,
    )

    const result: BrowserBench = {
      popupToBalanceMs,
      coldProofMs: round(coldProofMs),
      proveMs,
      proveRuns: Object.fromEntries(
        Object.entries(proveRuns).map(([c, xs]) => [c, xs!.map(round)]),
      ),
      approveToReceiptMs,
      tipRequestToReceiptMs,
    }
    return result
  } finally {
    await browser.close()
    await sites.stop()
    await relayer.stop()
    await chain.stop()
  }
}
