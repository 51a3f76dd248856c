import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseReceipt } from '../../lib/receipt/parseReceipt.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { type RelayerFixture, startRelayer } from '../relayer/fixture.js'
import { openBackground } from './harness.js'
import { codeOf, resultOf, siteClient } from './siteClient.js'
import { openWindowOf, someoneElse, until } from './waitFor.js'

// What a site's tips may cost: the allowance counts amount + fee, a fee over
// the ceiling asks the user, tips below the minimum are refused. A real
// relayer over HTTP, and a second one that quotes high.

const token = 10n ** 18n
const password = 'tip fees password'
const site = 'http://127.0.0.1:8560'

let chain: LocalChain
let fair: RelayerFixture
let greedy: RelayerFixture
let alice: ReturnType<typeof openBackground>
let s: ReturnType<typeof siteClient>
const creator = someoneElse()

const openWindow = () => openWindowOf(alice)

/** The site's allowance as the wallet stores it (base units). */
const spent = async () => BigInt((await alice.send('sites.list'))[0]?.allowances[0]?.spent ?? '-1')

const sendsByRelay = async () =>
  (await alice.send('activity.list')).filter((a) => a.kind === 'send' && a.site === site)

async function grant(amount: string) {
  const granted = s.request('zkpay_requestAllowance', {
    token: chain.deployment.token,
    amount,
    period: 'day',
  })
  await alice.send('approval.decide', { id: await openWindow(), approve: true })
  resultOf(await granted)
}

const tip = (amount: string, extra: Record<string, unknown> = {}) =>
  s.request('zkpay_tip', { to: creator, amount, token: chain.deployment.token, ...extra })

beforeAll(async () => {
  chain = await startLocalChain()
  fair = await startRelayer(chain)
  // 0.05 token a relay, whatever the gas: a relayer that quotes high.
  greedy = await startRelayer(chain, { config: { FEE_FLAT: `${token / 20n}`, FEE_PER_GAS: '0' } })
  alice = openBackground(chain, { prover: nodeProver })
  await alice.send('wallet.create', { password })
  await alice.send('settings.update', { useRelayer: false })
  const state = await alice.send('wallet.state')
  await chain.fund(state.publicAddress!, 100n * token)
  const { activityId } = await alice.send('tx.shield', {
    pool: chain.deployment.pool,
    amount: `${20n * token}`,
  })
  expect(await alice.settled(activityId)).toMatchObject({ status: 'settled' })
  await alice.send('settings.update', { useRelayer: true, relayerUrl: fair.url })
  s = siteClient(alice.background, site)
  const connected = s.request('zkpay_connect')
  await alice.send('approval.decide', { id: await openWindow(), approve: true })
  resultOf(await connected)
}, 120_000)

afterAll(async () => {
  await greedy?.stop()
  await fair?.stop()
  await chain?.stop()
})

describe('the smallest tip', () => {
  it('refuses a tip below it with -32602 and sends nothing', async () => {
    await grant('0.000000000000000002') // the 2 base units a day of the issue
    const before = (await sendsByRelay()).length
    for (const amount of ['0.000000000000000001', '0.0009']) {
      const answer = await tip(amount, { prompt: false })
      expect(codeOf(answer)).toBe(-32602)
      expect('error' in answer && answer.error.message).toMatch(/at least 0\.001 zUSD/)
    }
    expect(alice.windows.urls()).toEqual([])
    expect((await sendsByRelay()).length).toBe(before)
    expect(await spent()).toBe(0n)
  })
})

describe('an allowance counts amount + fee', () => {
  it('a silent tip spends its fee from the allowance; one whose fee does not fit asks', async () => {
    await grant('0.3')
    const receipt = parseReceipt(resultOf(await tip('0.1')))
    expect(receipt.amount).toBe(token / 10n)
    expect(alice.windows.urls()).toEqual([])
    const [paid] = await sendsByRelay()
    const fee = BigInt(paid?.fee ?? '0')
    expect(fee).toBeGreaterThan(10n ** 15n) // the fixture's flat fee and gas
    expect(await spent()).toBe(token / 10n + fee)

    // The tip alone fits in what is left, the tip and its fee do not.
    const left = (3n * token) / 10n - token / 10n - fee
    const close = `0.${((left - fee / 2n) / 10n ** 12n).toString().padStart(6, '0')}`
    const before = (await sendsByRelay()).length
    const silent = await tip(close, { prompt: false })
    expect(codeOf(silent)).toBe(4100)
    expect('error' in silent && silent.error.message).toMatch(/with its fee/)
    await until(async () => (await alice.db.pendingWork.count()) === 0)
    expect((await sendsByRelay()).length).toBe(before) // the started payment was dropped

    const asked = tip(close)
    const id = await openWindow()
    const view = await until(async () => {
      const v = await alice.send('approval.get', { id })
      return v.payment?.total ? v : undefined
    })
    expect(view.payment).toMatchObject({ overAllowance: true, feeOverCeiling: false })
    expect(BigInt(view.payment!.total!)).toBe(BigInt(view.payment!.amount) + fee)
    await alice.send('approval.decide', { id, approve: false })
    expect(codeOf(await asked)).toBe(4001)
    expect(await spent()).toBe(token / 10n + fee)
  })
})

describe('a relayer that quotes high', () => {
  it('a tip whose fee passes the ceiling asks, whatever the allowance; prompt false: 4100', async () => {
    await grant('10')
    await alice.send('settings.update', { relayerUrl: greedy.url })
    const before = (await sendsByRelay()).length
    // 5 % of 0.5 is 0.025: the relayer's 0.05 is over it
    const refused = await tip('0.5', { prompt: false })
    expect(codeOf(refused)).toBe(4100)
    expect('error' in refused && refused.error.message).toMatch(/fee of this tip \(0\.05 zUSD\)/)
    await until(async () => (await alice.db.pendingWork.count()) === 0)
    expect((await sendsByRelay()).length).toBe(before)
    expect(await spent()).toBe(0n)

    const asked = tip('0.5')
    const id = await openWindow()
    const view = await until(async () => {
      const v = await alice.send('approval.get', { id })
      return v.proof?.stage === 'ready' ? v : undefined
    })
    expect(view.payment).toMatchObject({
      feeOverCeiling: true,
      overAllowance: false,
      fee: `${token / 20n}`,
      total: `${token / 2n + token / 20n}`,
    })
    await alice.send('approval.decide', { id, approve: true })
    expect(parseReceipt(resultOf(await asked)).amount).toBe(token / 2n)
    expect(await spent()).toBe(0n) // approved in a window: not the allowance's
  })

  it('a fee larger than the tip asks even when the ceiling would allow it', async () => {
    await alice.send('settings.update', {
      tipLimits: {
        feePercent: 100,
        feeFloor: { [chain.deployment.token]: `${token}` },
        minTip: {},
      },
    })
    const refused = await tip('0.04', { prompt: false })
    expect(codeOf(refused)).toBe(4100)
    expect('error' in refused && refused.error.message).toMatch(/\(0\.04 zUSD\)/)
    // with the fair relayer the same limits pay silently
    await alice.send('settings.update', { relayerUrl: fair.url })
    const receipt = parseReceipt(resultOf(await tip('0.04', { prompt: false })))
    expect(receipt.amount).toBe((4n * token) / 100n)
    expect(await spent()).toBeGreaterThan((4n * token) / 100n)
    expect(alice.windows.urls()).toEqual([])
  })
})
