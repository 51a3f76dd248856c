import { parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OrderJson } from '../../demo/checkout/orderJson.js'
import { type DemoSites, startDemoSites } from '../../demo/startDemoSites.js'
import { type Receipt, serializeReceipt } from '../../lib/receipt/receipt.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { newWallet } from '../helpers/wallets.js'

const units = (amount: string) => parseUnits(amount, 18)

/** A receipt as a page sends it: the wallet's JSON, bigints as strings. */
const wire = (receipt: Receipt): Record<string, unknown> => JSON.parse(serializeReceipt(receipt))

/** What a refusal answers; replies are typed as this unless a test says otherwise. */
type Refusal = { error: { code: string; message: string } }

type Reply<T> = { status: number; type: string; body: T }

type CreatedOrder = { orderId: string; amount: string; to: string; token: string; memo: string }

type Tips = {
  total: string
  count: number
  recent: { amount: string; txHash: string; blockNumber: string; at: number }[]
}

async function call<T = Refusal>(url: string, body?: unknown, raw?: string): Promise<Reply<T>> {
  const response = await fetch(
    url,
    body === undefined && raw === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: raw ?? JSON.stringify(body),
        },
  )
  const type = response.headers.get('content-type') ?? ''
  const text = await response.text()
  return { status: response.status, type, body: type.includes('json') ? JSON.parse(text) : text }
}

describe('demo sites on a local chain', () => {
  let chain: LocalChain
  let sites: DemoSites
  let merchantAddress: string
  let creatorAddress: string
  /** 1.5 zUSD to the merchant. */
  let shopReceipt: Receipt
  /** 0.5 zUSD to the merchant. */
  let smallReceipt: Receipt
  /** 0.05 and 0.25 zUSD to the creator. */
  let tipReceipts: [Receipt, Receipt]
  let payer: Awaited<ReturnType<typeof newWallet>>

  const shop = <T = Refusal>(path: string, body?: unknown, raw?: string) =>
    call<T>(`${sites.checkoutUrl}${path}`, body, raw)
  const jar = <T = Refusal>(path: string, body?: unknown) =>
    call<T>(`${sites.tipJarUrl}${path}`, body)
  const order = async (items: { id: string; quantity: number }[]) => {
    const reply = await shop<CreatedOrder>('/api/orders', { items })
    expect(reply.status).toBe(200)
    return reply.body
  }
  const expectUnpaid = async (orderId: string) => {
    const reply = await shop<OrderJson>(`/api/orders/${orderId}`)
    expect(reply.body.status).toBe('awaiting_payment')
    expect(reply.body.paidTx).toBeUndefined()
  }

  beforeAll(async () => {
    chain = await startLocalChain()
    // One at a time: each funding is a transaction from the same deployer.
    payer = await newWallet(chain, units('5'))
    const merchant = await newWallet(chain)
    const creator = await newWallet(chain)
    merchantAddress = merchant.address
    creatorAddress = creator.address
    await payer.shield(units('5'))
    const pay = async (to: string, amount: string, memo: string) =>
      (await payer.pay(to, units(amount), { memo })).receipt!
    shopReceipt = await pay(merchantAddress, '1.5', 'order 1')
    smallReceipt = await pay(merchantAddress, '0.5', 'order 2')
    tipReceipts = [
      await pay(creatorAddress, '0.05', 'tip'),
      await pay(creatorAddress, '0.25', 'tip'),
    ]
    sites = await startDemoSites({
      rpcUrl: chain.anvil.rpcUrl,
      deployment: chain.deployment,
      merchantAddress,
      creatorAddress,
      checkoutPort: 0,
      tipJarPort: 0,
      logger: false,
    })
  })
  afterAll(async () => {
    await sites?.stop()
    await chain?.stop()
  })

  describe('checkout', () => {
    it('tells the page the pool, the token read from its contract, and the merchant', async () => {
      const { deployment } = chain
      expect((await shop('/api/config')).body).toEqual({
        chainId: 31337,
        pool: deployment.pool,
        token: deployment.token,
        symbol: 'zUSD',
        decimals: 18,
        merchantAddress,
      })
      const { items } = (await shop<{ items: { id: string }[] }>('/api/items')).body
      expect(items.map((item) => item.id)).toEqual(['sticker-pack', 'enamel-mug', 'zine'])
    })

    it('prices an order itself from the catalog, the same item twice as one line', async () => {
      const created = await order([
        { id: 'sticker-pack', quantity: 2 },
        { id: 'enamel-mug', quantity: 1 },
        { id: 'sticker-pack', quantity: 1 },
      ])
      expect(created).toEqual({
        orderId: expect.stringMatching(/^\d+$/),
        amount: '3.75',
        to: merchantAddress,
        token: chain.deployment.token,
        memo: `order ${created.orderId}`,
      })
      expect((await shop(`/api/orders/${created.orderId}`)).body).toEqual({
        orderId: created.orderId,
        status: 'awaiting_payment',
        amount: '3.75',
        items: [
          { id: 'sticker-pack', name: 'Sticker pack', quantity: 3, price: '0.5' },
          { id: 'enamel-mug', name: 'Enamel mug', quantity: 1, price: '2.25' },
        ],
      })
    })

    it('refuses an order that carries a price or a total of its own', async () => {
      const withPrice = await shop('/api/orders', {
        items: [{ id: 'enamel-mug', quantity: 1, price: '0.01' }],
      })
      expect(withPrice.status).toBe(400)
      expect(withPrice.body.error).toMatchObject({ code: 'bad_request' })
      expect(withPrice.body.error.message).toMatch(/price/)
      const withTotal = await shop('/api/orders', {
        items: [{ id: 'enamel-mug', quantity: 1 }],
        amount: '0.01',
      })
      expect(withTotal.status).toBe(400)
      expect(withTotal.body.error.message).toMatch(/amount/)
    })

    it('refuses malformed orders and receipt bodies with bad_request', async () => {
      const bad = [
        { items: [] },
        { items: [{ id: 'yacht', quantity: 1 }] },
        { items: [{ id: 'zine', quantity: 0 }] },
        { items: [{ id: 'zine', quantity: 1.5 }] },
        { items: [{ id: 'zine', quantity: 100 }] },
        { items: [{ id: 'zine', quantity: '1' }] },
        {
          items: [
            { id: 'zine', quantity: 60 },
            { id: 'zine', quantity: 60 },
          ],
        },
        {},
      ]
      for (const body of bad) {
        const reply = await shop('/api/orders', body)
        expect(reply.status, JSON.stringify(body)).toBe(400)
        expect(reply.body.error.code).toBe('bad_request')
      }
      const notJson = await shop('/api/orders', undefined, '{"items": [')
      expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } })

      const { orderId } = await order([{ id: 'zine', quantity: 1 }])
      for (const body of [
        {},
        { receipt: 'a receipt' },
        { receipt: [] },
        { receipt: {}, extra: 1 },
      ]) {
        const reply = await shop(`/api/orders/${orderId}/receipt`, body)
        expect(reply.status, JSON.stringify(body)).toBe(400)
        expect(reply.body.error.code).toBe('bad_request')
      }
      // Well-formed JSON that is no receipt is the receipt's fault, and says which field.
      const garbage = await shop(`/api/orders/${orderId}/receipt`, {
        receipt: { ...wire(shopReceipt), amount: 'lots' },
      })
      expect(garbage.status).toBe(422)
      expect(garbage.body.error).toEqual({
        code: 'invalid_receipt',
        message: 'The receipt amount is not a valid number.',
      })
      await expectUnpaid(orderId)
    })

    it('answers not_found for an order it does not have', async () => {
      for (const reply of [
        await shop('/api/orders/999999'),
        await shop('/api/orders/not-an-id'),
        await shop('/api/orders/999999/receipt', { receipt: wire(shopReceipt) }),
      ]) {
        expect(reply.status).toBe(404)
        expect(reply.body.error.code).toBe('not_found')
      }
    })

    it('pays an order with a real receipt, once: not a second order, not the same order again', async () => {
      const first = await order([
        { id: 'sticker-pack', quantity: 1 },
        { id: 'zine', quantity: 1 },
      ])
      expect(first.amount).toBe('1.5')
      const paid = await shop<OrderJson>(`/api/orders/${first.orderId}/receipt`, {
        receipt: wire(shopReceipt),
      })
      expect(paid.status).toBe(200)
      expect(paid.body).toMatchObject({ orderId: first.orderId, status: 'paid', amount: '1.5' })
      expect(paid.body.paidTx).toEqual({
        txHash: shopReceipt.txHash,
        blockNumber: shopReceipt.blockNumber.toString(),
        confirmations: expect.any(Number),
        amount: '1.5',
      })
      expect(paid.body.paidTx?.confirmations).toBeGreaterThanOrEqual(1)
      expect((await shop(`/api/orders/${first.orderId}`)).body).toEqual(paid.body)

      const second = await order([
        { id: 'sticker-pack', quantity: 1 },
        { id: 'zine', quantity: 1 },
      ])
      const replay = await shop(`/api/orders/${second.orderId}/receipt`, {
        receipt: wire(shopReceipt),
      })
      expect(replay.status).toBe(409)
      expect(replay.body.error).toEqual({
        code: 'receipt_reused',
        message: `This receipt already paid order ${first.orderId}.`,
      })
      await expectUnpaid(second.orderId)

      const again = await shop(`/api/orders/${first.orderId}/receipt`, {
        receipt: wire(smallReceipt),
      })
      expect(again.status).toBe(409)
      expect(again.body.error.code).toBe('already_paid')
      expect((await shop(`/api/orders/${first.orderId}`)).body).toEqual(paid.body)
    })

    it('a shop that asks for 3 confirmations refuses a fresh payment (425) until it has them', async () => {
      const strict = await startDemoSites({
        rpcUrl: chain.anvil.rpcUrl,
        deployment: chain.deployment,
        merchantAddress,
        creatorAddress,
        checkoutPort: 0,
        tipJarPort: 0,
        minConfirmations: 3,
        logger: false,
      })
      try {
        const created = await call<CreatedOrder>(`${strict.checkoutUrl}/api/orders`, {
          items: [{ id: 'zine', quantity: 1 }],
        })
        const { receipt } = await payer.pay(merchantAddress, units(created.body.amount), {
          memo: created.body.memo,
        })
        const post = () =>
          call<OrderJson>(`${strict.checkoutUrl}/api/orders/${created.body.orderId}/receipt`, {
            receipt: wire(receipt!),
          })
        const early = await post()
        expect(early.status).toBe(425)
        expect((early.body as unknown as Refusal).error.code).toBe('not_confirmed')
        await fetch(chain.anvil.rpcUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_mine', params: ['0x2'] }),
        })
        const late = await post()
        expect(late.status).toBe(200)
        expect(late.body).toMatchObject({ status: 'paid', paidTx: { confirmations: 3 } })
      } finally {
        await strict.stop()
      }
    })

    it('lets exactly one of two orders racing with one receipt be paid by it', async () => {
      const a = await order([{ id: 'sticker-pack', quantity: 1 }])
      const b = await order([{ id: 'sticker-pack', quantity: 1 }])
      const replies = await Promise.all(
        [a, b].map((o) =>
          shop(`/api/orders/${o.orderId}/receipt`, { receipt: wire(smallReceipt) }),
        ),
      )
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409])
      expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('receipt_reused')
      const statuses = await Promise.all(
        [a, b].map(async (o) => (await shop<OrderJson>(`/api/orders/${o.orderId}`)).body.status),
      )
      expect(statuses.sort()).toEqual(['awaiting_payment', 'paid'])
    })

    it('refuses a receipt that pays less than the order, and leaves the order unpaid', async () => {
      const mug = await order([{ id: 'enamel-mug', quantity: 1 }])
      const reply = await shop(`/api/orders/${mug.orderId}/receipt`, {
        receipt: wire(smallReceipt),
      })
      expect(reply.status).toBe(402)
      expect(reply.body.error).toEqual({
        code: 'underpaid',
        message: `The receipt pays 0.5 zUSD; order ${mug.orderId} costs 2.25 zUSD.`,
      })
      await expectUnpaid(mug.orderId)
    })

    it('refuses a receipt paid to another address', async () => {
      const cheap = await order([{ id: 'sticker-pack', quantity: 1 }])
      const reply = await shop(`/api/orders/${cheap.orderId}/receipt`, {
        receipt: wire(tipReceipts[0]),
      })
      expect(reply.status).toBe(422)
      expect(reply.body.error).toEqual({
        code: 'invalid_receipt',
        message: 'The disclosed amount does not open this commitment for your address.',
      })
      await expectUnpaid(cheap.orderId)
    })

    it('refuses a receipt whose amount, blinding, index or transaction was changed', async () => {
      const big = await order([{ id: 'enamel-mug', quantity: 2 }])
      const genuine = wire(shopReceipt)
      const tampered = [
        { ...genuine, amount: units('4.5').toString() },
        { ...genuine, blinding: (shopReceipt.blinding + 1n).toString() },
        { ...genuine, leafIndex: shopReceipt.leafIndex + 1 },
        { ...genuine, txHash: tipReceipts[0].txHash },
        { ...genuine, blockNumber: (shopReceipt.blockNumber + 1n).toString() },
      ]
      for (const receipt of tampered) {
        const reply = await shop(`/api/orders/${big.orderId}/receipt`, { receipt })
        expect(reply.status, JSON.stringify(receipt)).toBe(422)
        expect(reply.body.error.code).toBe('invalid_receipt')
      }
      await expectUnpaid(big.orderId)
    })
  })

  describe('tip jar', () => {
    it('counts verified tips once, and only those paid to the creator', async () => {
      const config = (await jar('/api/config')).body
      expect(config).toMatchObject({
        chainId: 31337,
        token: chain.deployment.token,
        symbol: 'zUSD',
        decimals: 18,
        creatorAddress,
        tipAmounts: ['0.5', '1', '2'],
        allowance: { amount: '5', period: 'day' },
      })
      expect((await jar('/api/tips')).body).toEqual({ total: '0', count: 0, recent: [] })

      const [small, large] = tipReceipts
      expect((await jar('/api/tips', { receipt: wire(small) })).body).toEqual({
        total: '0.05',
        count: 1,
      })
      expect((await jar('/api/tips', { receipt: wire(large) })).body).toEqual({
        total: '0.3',
        count: 2,
      })

      const reused = await jar('/api/tips', { receipt: wire(small) })
      expect(reused.status).toBe(409)
      expect(reused.body.error.code).toBe('receipt_reused')
      const toMerchant = await jar('/api/tips', { receipt: wire(smallReceipt) })
      expect(toMerchant.status).toBe(422)
      expect(toMerchant.body.error.code).toBe('invalid_receipt')
      const inflated = await jar('/api/tips', {
        receipt: { ...wire(large), amount: units('25').toString() },
      })
      expect(inflated.status).toBe(422)
      const malformed = await jar('/api/tips', { tip: wire(large) })
      expect(malformed.status).toBe(400)

      const tips = (await jar<Tips>('/api/tips')).body
      expect(tips).toMatchObject({ total: '0.3', count: 2 })
      expect(tips.recent).toEqual([
        {
          amount: '0.25',
          txHash: large.txHash,
          blockNumber: large.blockNumber.toString(),
          at: expect.any(Number),
        },
        {
          amount: '0.05',
          txHash: small.txHash,
          blockNumber: small.blockNumber.toString(),
          at: expect.any(Number),
        },
      ])
    })
  })

  describe('pages', () => {
    it('serves each page from its own origin, with its bundled script', async () => {
      expect(new URL(sites.checkoutUrl).origin).not.toBe(new URL(sites.tipJarUrl).origin)
      for (const [url, method, testId] of [
        [sites.checkoutUrl, 'zkpay_pay', 'pay-button'],
        [sites.tipJarUrl, 'zkpay_tip', 'tip-total'],
      ] as const) {
        const page = await call<string>(`${url}/`)
        expect(page.status).toBe(200)
        expect(page.type).toMatch(/^text\/html/)
        expect(page.body).toContain('<script type="module" src="/app.js"></script>')
        expect(page.body).toContain(`data-testid="${testId}"`)
        expect(page.body).not.toMatch(/(src|href)="https?:/)

        const script = await call<string>(`${url}/app.js`)
        expect(script.status).toBe(200)
        expect(script.type).toMatch(/^text\/javascript/)
        expect(script.body).toContain(method)
        // Bundled: nothing left for the browser to fetch.
        expect(script.body).not.toMatch(/^\s*import\s/m)

        for (const sheet of ['/base.css', '/style.css']) {
          const css = await call(`${url}${sheet}`)
          expect(css.status).toBe(200)
          expect(css.type).toMatch(/^text\/css/)
        }
      }
    })

    it('answers an unknown path with a JSON not_found', async () => {
      const reply = await jar('/api/nothing-here')
      expect(reply.status).toBe(404)
      expect(reply.body.error.code).toBe('not_found')
    })
  })
})
