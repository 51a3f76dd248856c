import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseReceipt } from '../../lib/receipt/parseReceipt.js'
import { verifyReceipt } from '../../lib/receipt/verifyReceipt.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { openBackground } from './harness.js'
import { codeOf, resultOf, siteClient } from './siteClient.js'
import { openWindowOf, someoneElse, until } from './waitFor.js'

// The provider service over a real chain and real proofs, driven as the
// content script and the approval window drive it.

const token = 10n ** 18n
const password = 'correct horse battery'
const shop = 'http://127.0.0.1:8550'
const jar = 'http://127.0.0.1:8551'

let chain: LocalChain
let alice: ReturnType<typeof openBackground>
let tokenAddress: `0x${string}`
const merchant = someoneElse()

/** The request id of the approval window open now. */
const openWindow = () => openWindowOf(alice)

async function approve(id: string) {
  await alice.send('approval.decide', { id, approve: true })
}

const unspent = async () =>
  (await alice.db.notes.toArray())
    .filter((n) => n.status === 'unspent' && n.amount !== '0')
    .reduce((sum, n) => sum + BigInt(n.amount), 0n)

beforeAll(async () => {
  chain = await startLocalChain()
  tokenAddress = chain.deployment.token
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
})

afterAll(async () => {
  await chain?.stop()
})

describe('a site before it connects', () => {
  it('learns only the chain: accounts are empty, payments and allowances are 4100', async () => {
    const site = siteClient(alice.background, shop)
    expect(resultOf(await site.request('zkpay_chainId'))).toBe('0x7a69')
    expect(resultOf(await site.request('zkpay_accounts'))).toEqual([])
    const pay = { to: merchant, amount: '1', token: tokenAddress }
    expect(codeOf(await site.request('zkpay_pay', pay))).toBe(4100)
    expect(codeOf(await site.request('zkpay_tip', pay))).toBe(4100)
    expect(codeOf(await site.request('zkpay_allowances'))).toBe(4100)
    expect(codeOf(await site.request('zkpay_disconnect'))).toBe(4100)
    expect(codeOf(await site.request('eth_sendTransaction', {}))).toBe(4200)
    expect(alice.windows.urls()).toEqual([])
  })
})

describe('connecting', () => {
  it('asks in a window; closing the window is a rejection (4001)', async () => {
    const site = siteClient(alice.background, jar)
    const answer = site.request('zkpay_connect')
    const id = await openWindow()
    expect(await alice.send('approval.get', { id })).toMatchObject({
      origin: jar,
      method: 'zkpay_connect',
      status: 'approving',
    })
    await alice.background.onWindowRemoved(alice.windows.ids()[0]!)
    alice.windows.userCloses(alice.windows.ids()[0]!)
    expect(codeOf(await answer)).toBe(4001)
    expect(resultOf(await site.request('zkpay_accounts'))).toEqual([])
  })

  it('connects on approval, tells the site, and does not ask again', async () => {
    const site = siteClient(alice.background, shop)
    const answer = site.request('zkpay_connect')
    await approve(await openWindow())
    const { address } = await alice.send('wallet.state')
    expect(resultOf(await answer)).toEqual({
      address,
      chainId: '0x7a69',
      pools: [{ pool: chain.deployment.pool, token: tokenAddress, symbol: 'zUSD', decimals: 18 }],
    })
    expect(site.events).toEqual([{ event: 'connect', data: { chainId: '0x7a69' } }])
    expect(alice.windows.urls()).toEqual([])
    expect(resultOf(await site.request('zkpay_connect'))).toMatchObject({ address })
    expect(alice.windows.urls()).toEqual([])
    expect(resultOf(await site.request('zkpay_accounts'))).toEqual([address])
    expect(await alice.send('sites.list')).toMatchObject([{ origin: shop, allowances: [] }])
  })
})

describe('paying', () => {
  const site = () => siteClient(alice.background, shop)

  it('refuses bad params with -32602 naming the field, and opens no window', async () => {
    const s = site()
    const good = { to: merchant, amount: '1.5', token: tokenAddress }
    const bad: [unknown, RegExp][] = [
      // The last character changed (to one it is not): the checksum fails.
      [{ ...good, to: `${merchant.slice(0, -1)}${merchant.endsWith('q') ? 'p' : 'q'}` }, /to:/],
      [{ ...good, amount: '1.0000000000000000001' }, /amount: .*18 decimal/],
      [{ ...good, amount: '-1' }, /amount: .*negative/],
      [{ ...good, amount: 1 }, /amount/],
      [{ ...good, token: '0x0000000000000000000000000000000000000001' }, /no pool/],
      [{ ...good, extra: true }, /Bad params/],
      [{ ...good, memo: 'x'.repeat(65) }, /memo/],
      [[good], /Bad params/],
      [undefined, /Bad params/],
    ]
    for (const [params, message] of bad) {
      const answer = await s.request('zkpay_pay', params)
      expect(codeOf(answer)).toBe(-32602)
      expect('error' in answer && answer.error.message).toMatch(message)
    }
    expect(alice.windows.urls()).toEqual([])
  })

  it('proves while the window is open; after approval it settles and the receipt verifies', async () => {
    const s = site()
    const before = await unspent()
    const answer = s.request('zkpay_pay', {
      to: merchant,
      amount: '1.25',
      token: tokenAddress,
      memo: 'order 1',
    })
    const id = await openWindow()
    const view = await until(async () => {
      const v = await alice.send('approval.get', { id })
      return v.proof?.stage === 'ready' ? v : undefined
    })
    expect(view.payment).toMatchObject({
      to: merchant,
      amount: `${(125n * token) / 100n}`,
      symbol: 'zUSD',
      memo: 'order 1',
      overAllowance: false,
    })
    await approve(id)
    const receipt = parseReceipt(resultOf(await answer))
    expect(receipt).toMatchObject({ amount: (125n * token) / 100n, memo: 'order 1' })
    const checked = await verifyReceipt({
      publicClient: chain.publicClient,
      receipt,
      address: merchant,
      pool: chain.deployment.pool,
    })
    expect(checked.amount).toBe((125n * token) / 100n)
    expect(s.events).toContainEqual({
      event: 'paymentSettled',
      data: { method: 'zkpay_pay', receipt: resultOf(await answer) },
    })
    expect(await unspent()).toBe(before - (125n * token) / 100n)
    const [activity] = await alice.send('activity.list')
    expect(activity).toMatchObject({ kind: 'send', status: 'settled', site: shop })
  })

  it('a rejection ends the payment at once: 4001, notes back, nothing in the history', async () => {
    const s = site()
    const before = await unspent()
    const history = (await alice.send('activity.list')).length
    const answer = s.request('zkpay_pay', { to: merchant, amount: '2', token: tokenAddress })
    const id = await openWindow()
    await alice.send('approval.decide', { id, approve: false })
    expect(codeOf(await answer)).toBe(4001)
    await until(async () => (await alice.db.pendingWork.count()) === 0)
    expect(await unspent()).toBe(before)
    expect((await alice.send('activity.list')).length).toBe(history)
  })

  it('closing the window while the proof is made: 4001, notes back, nothing in the history', async () => {
    const s = site()
    const before = await unspent()
    const history = (await alice.send('activity.list')).length
    const answer = s.request('zkpay_pay', { to: merchant, amount: '2', token: tokenAddress })
    await openWindow()
    await until(async () => (await alice.db.pendingWork.count()) === 1)
    await alice.background.onWindowRemoved(alice.windows.ids()[0]!)
    alice.windows.userCloses(alice.windows.ids()[0]!)
    expect(codeOf(await answer)).toBe(4001)
    await until(async () => (await alice.db.pendingWork.count()) === 0)
    expect(await unspent()).toBe(before)
    expect((await alice.send('activity.list')).length).toBe(history)
  })

  it('shows a payment over the balance in its window; closing it answers 4001, not the balance', async () => {
    const s = site()
    const answer = s.request('zkpay_pay', { to: merchant, amount: '1000', token: tokenAddress })
    const id = await openWindow()
    const view = await until(async () => {
      const v = await alice.send('approval.get', { id })
      return v.error ? v : undefined
    })
    expect(view.error).toMatch(/not enough|insufficient/i)
    expect(view.payment?.total).toBeUndefined() // no fee, no total: Approve stays disabled
    await alice.background.onWindowRemoved(alice.windows.ids()[0]!)
    alice.windows.userCloses(alice.windows.ids()[0]!)
    const closed = await answer
    expect(closed).toEqual({
      error: {
        code: 4001,
        message: 'The user rejected the request.',
        data: { reason: 'user_rejected' },
      },
    })
  })

  it('queues requests: one window at a time, in order', async () => {
    const s = site()
    const first = s.request('zkpay_requestAllowance', {
      token: tokenAddress,
      amount: '1',
      period: 'day',
    })
    const firstId = await openWindow()
    const second = s.request('zkpay_pay', { to: merchant, amount: '0.5', token: tokenAddress })
    await until(async () => (await alice.send('approval.get', { id: firstId })).queued === 1)
    expect(alice.windows.urls()).toHaveLength(1)
    await alice.send('approval.decide', { id: firstId, approve: false })
    expect(codeOf(await first)).toBe(4001)
    const secondId = await openWindow()
    expect(secondId).not.toBe(firstId)
    await alice.send('approval.decide', { id: secondId, approve: false })
    expect(codeOf(await second)).toBe(4001)
    // its proof had started: the notes come back once it stops
    await until(async () => (await alice.db.pendingWork.count()) === 0)
  })
})

describe('tipping', () => {
  it('tips inside an allowance without a window, asks over it, and keeps count', async () => {
    const s = siteClient(alice.background, shop)
    const granted = s.request('zkpay_requestAllowance', {
      token: tokenAddress,
      amount: '0.3',
      period: 'day',
    })
    const id = await openWindow()
    expect(await alice.send('approval.get', { id })).toMatchObject({
      allowance: { amount: `${(3n * token) / 10n}`, period: 'day' },
    })
    await approve(id)
    expect(resultOf(await granted)).toMatchObject({ amount: '0.3', spent: '0', period: 'day' })

    const tip = { to: merchant, amount: '0.2', token: tokenAddress, memo: 'tip' }
    const receipt = parseReceipt(resultOf(await s.request('zkpay_tip', tip)))
    expect(alice.windows.urls()).toEqual([])
    expect(receipt.amount).toBe((2n * token) / 10n)
    expect(resultOf(await s.request('zkpay_allowances'))).toMatchObject([
      { amount: '0.3', spent: '0.2' },
    ])
    // over the allowance: with prompt false a 4100, otherwise a window
    expect(codeOf(await s.request('zkpay_tip', { ...tip, prompt: false }))).toBe(4100)
    const asked = s.request('zkpay_tip', tip)
    const overId = await openWindow()
    expect((await alice.send('approval.get', { id: overId })).payment?.overAllowance).toBe(true)
    await alice.send('approval.decide', { id: overId, approve: false })
    expect(codeOf(await asked)).toBe(4001)
    expect(resultOf(await s.request('zkpay_allowances'))).toMatchObject([{ spent: '0.2' }])
    expect((await alice.send('sites.list'))[0]?.allowances[0]).toMatchObject({
      spent: `${(2n * token) / 10n}`,
    })
  })

  it('another site has none of it', async () => {
    const other = siteClient(alice.background, jar)
    const tip = { to: merchant, amount: '0.01', token: tokenAddress, prompt: false }
    expect(codeOf(await other.request('zkpay_tip', tip))).toBe(4100)
    const connected = other.request('zkpay_connect')
    await approve(await openWindow())
    resultOf(await connected)
    expect(resultOf(await other.request('zkpay_allowances'))).toEqual([])
    expect(codeOf(await other.request('zkpay_tip', tip))).toBe(4100)
  })

  it('a revoked allowance is gone; a disconnected site is told and forgotten', async () => {
    const other = siteClient(alice.background, jar)
    await alice.send('sites.revokeAllowance', { origin: shop, token: tokenAddress })
    const s = siteClient(alice.background, shop)
    expect(resultOf(await s.request('zkpay_allowances'))).toEqual([])
    await alice.send('sites.disconnect', { origin: jar })
    expect(other.events).toContainEqual({
      event: 'disconnect',
      data: { code: 4900, message: expect.any(String) },
    })
    expect(resultOf(await other.request('zkpay_accounts'))).toEqual([])
    expect((await alice.send('sites.list')).map((x) => x.origin)).toEqual([shop])
  })
})

describe('what a site may not do', () => {
  const third = 'http://127.0.0.1:8552'

  it('send one request twice: the second is refused and changes nothing', async () => {
    const s = siteClient(alice.background, shop)
    const pay = { to: merchant, amount: '1', token: tokenAddress }
    const first = s.request('zkpay_pay', pay, 'same-id')
    await alice.send('approval.decide', { id: await openWindow(), approve: false })
    expect(codeOf(await first)).toBe(4001)
    expect(codeOf(await s.request('zkpay_pay', pay, 'same-id'))).toBe(-32602)
    expect(alice.windows.urls()).toEqual([])
    // resuming it (what a content script does after a restart) gets the first answer
    expect(codeOf(await s.resume('same-id', 'zkpay_pay', pay))).toBe(4001)
    await until(async () => (await alice.db.pendingWork.count()) === 0)
  })

  it('queue connect windows: one per origin, the next answers -32002 while it waits', async () => {
    const s = siteClient(alice.background, 'http://127.0.0.1:8553')
    const first = s.request('zkpay_connect')
    const id = await openWindow()
    const again = await Promise.all([s.request('zkpay_connect'), s.request('zkpay_connect')])
    expect(again.map(codeOf)).toEqual([-32002, -32002])
    expect('error' in again[0]! && again[0].error.data.reason).toBe('request_pending')
    expect(alice.windows.urls()).toHaveLength(1)
    await alice.send('approval.decide', { id, approve: false })
    expect(codeOf(await first)).toBe(4001)
    // answered: the site may ask again
    const next = s.request('zkpay_connect')
    await alice.send('approval.decide', { id: await openWindow(), approve: false })
    expect(codeOf(await next)).toBe(4001)
  })

  it('slip in __proto__, constructor or any unknown key: -32602, no window', async () => {
    const s = siteClient(alice.background, shop)
    const good = JSON.stringify({ to: merchant, amount: '0.1', token: tokenAddress })
    const tampered = [
      `{"__proto__":{"prompt":false},${good.slice(1)}`,
      `{"constructor":{"prototype":{}},${good.slice(1)}`,
      `{"toString":"x",${good.slice(1)}`,
    ].map((json) => JSON.parse(json) as unknown)
    expect(Object.keys(tampered[0]!)).toContain('__proto__')
    for (const method of ['zkpay_pay', 'zkpay_tip'])
      for (const params of tampered) {
        const answer = await s.request(method, params)
        expect(codeOf(answer)).toBe(-32602)
        expect('error' in answer && answer.error.message).toMatch(/no such field/)
      }
    const allowance = JSON.parse(
      `{"__proto__":{},"token":"${tokenAddress}","amount":"1","period":"day"}`,
    ) as unknown
    expect(codeOf(await s.request('zkpay_requestAllowance', allowance))).toBe(-32602)
    expect(codeOf(await s.request('zkpay_accounts', JSON.parse('{"__proto__":{}}')))).toBe(-32602)
    expect(alice.windows.urls()).toEqual([])
  })

  it('retry a payment with its idempotency key: one window, one payment, the same receipt', async () => {
    const s = siteClient(alice.background, shop)
    const before = await unspent()
    const history = (await alice.send('activity.list')).length
    const pay = { to: merchant, amount: '0.15', token: tokenAddress, idempotencyKey: 'order-42' }
    const first = s.request('zkpay_pay', pay)
    const id = await openWindow()
    const retried = s.request('zkpay_pay', pay) // a client retrying while the window is open
    expect(codeOf(await s.request('zkpay_pay', { ...pay, amount: '0.16' }))).toBe(-32602)
    await until(async () => (await alice.send('approval.get', { id })).payment?.total)
    await approve(id)
    const receipt = resultOf(await first)
    expect(resultOf(await retried)).toEqual(receipt)
    expect(resultOf(await s.request('zkpay_pay', pay))).toEqual(receipt) // and after the answer
    expect(alice.windows.urls()).toEqual([])
    expect(await unspent()).toBe(before - (15n * token) / 100n)
    expect((await alice.send('activity.list')).length).toBe(history + 1)
    // another site's key is its own
    const other = siteClient(alice.background, jar)
    expect(codeOf(await other.request('zkpay_pay', pay))).toBe(4100)
    expect(codeOf(await s.request('zkpay_pay', { ...pay, idempotencyKey: 'x'.repeat(65) }))).toBe(
      -32602,
    )
  })

  it('keep a request waiting after it is disconnected: the request ends with 4100', async () => {
    const s = siteClient(alice.background, third)
    const connected = s.request('zkpay_connect')
    await approve(await openWindow())
    resultOf(await connected)
    const answer = s.request('zkpay_pay', { to: merchant, amount: '0.3', token: tokenAddress })
    const id = await openWindow()
    await alice.send('sites.disconnect', { origin: third })
    expect(codeOf(await answer)).toBe(4100)
    expect(alice.windows.urls()).toEqual([])
    await expect(alice.send('approval.decide', { id, approve: true })).rejects.toMatchObject({
      code: 'bad_request',
    })
    await until(async () => (await alice.db.pendingWork.count()) === 0)
  })
})

describe('a locked wallet', () => {
  it('asks for the password in the window, then proves, and pays on approval', async () => {
    await alice.send('wallet.lock')
    const s = siteClient(alice.background, shop)
    const tip = { to: merchant, amount: '0.1', token: tokenAddress, prompt: false }
    expect(codeOf(await s.request('zkpay_tip', tip))).toBe(4100) // no allowance left
    const answer = s.request('zkpay_pay', { to: merchant, amount: '0.1', token: tokenAddress })
    const id = await openWindow()
    expect((await alice.send('approval.get', { id })).proof).toBeUndefined()
    await expect(alice.send('approval.decide', { id, approve: true })).rejects.toMatchObject({
      code: 'wallet_locked',
    })
    await alice.send('wallet.unlock', { password })
    await until(async () => (await alice.send('approval.get', { id })).proof?.stage === 'ready')
    await approve(id)
    expect(parseReceipt(resultOf(await answer)).amount).toBe(token / 10n)
  })
})

describe('a service worker restart', () => {
  it('keeps an open approval: the new worker proves again and settles it on approval', async () => {
    const s = siteClient(alice.background, shop)
    const params = { to: merchant, amount: '0.7', token: tokenAddress }
    const requestId = 'restart-1'
    const lost = s.request('zkpay_pay', params, requestId)
    const id = await openWindow()
    expect(id).toBe(requestId)
    await until(async () => (await alice.send('approval.get', { id })).proof?.stage === 'ready')
    void lost // the old worker is gone: nobody hears this answer

    const again = openBackground(chain, {
      prover: nodeProver,
      name: alice.name,
      session: alice.session,
      windows: alice.windows,
    })
    const resumed = siteClient(again.background, shop).resume(requestId, 'zkpay_pay', params)
    await until(async () => (await again.send('approval.get', { id })).proof?.stage === 'ready')
    const pending = (await again.db.notes.toArray()).filter((n) => n.status === 'pending')
    expect(pending.map((n) => n.pendingActivityId)).toContain(
      (await again.send('approval.get', { id })).proof?.activityId,
    )
    await again.send('approval.decide', { id, approve: true })
    const receipt = parseReceipt(resultOf(await resumed))
    expect(receipt.amount).toBe((7n * token) / 10n)
    expect((await again.send('activity.list')).filter((a) => a.status === 'failed')).toEqual([])
    // a request the worker never stored is taken as new
    const fresh = await siteClient(again.background, shop).resume('never-seen', 'zkpay_accounts')
    expect(resultOf(fresh)).toHaveLength(1)
  })
})
