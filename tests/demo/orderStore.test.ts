import { describe, expect, it } from 'vitest'
import { createOrderStore, type PaidTx } from '../../demo/checkout/orderStore.js'

const line = { id: 'zine', name: 'Zine, issue 1', quantity: 1, unitPrice: 10n }
const paidTx = (txHash: `0x${string}`): PaidTx => ({
  txHash,
  blockNumber: 7n,
  confirmations: 1n,
  amount: 10n,
})

describe('createOrderStore', () => {
  it('numbers orders and marks one paid by a commitment', () => {
    const store = createOrderStore()
    const first = store.create([line], 10n)
    const second = store.create([line], 10n)
    expect([first.id, second.id]).toEqual(['1', '2'])
    const paid = store.markPaid(first.id, '123', paidTx('0xaa'))
    expect(paid).toMatchObject({ id: '1', status: 'paid', paidTx: { txHash: '0xaa' } })
    expect(store.get('1')).toBe(paid)
    // The object handed out earlier is a snapshot, not changed in place.
    expect(first.status).toBe('awaiting_payment')
  })

  it('refuses a commitment that paid another order, and a paid order, changing nothing', () => {
    const store = createOrderStore()
    const a = store.create([line], 10n)
    const b = store.create([line], 10n)
    store.markPaid(a.id, '123', paidTx('0xaa'))
    expect(() => store.markPaid(b.id, '123', paidTx('0xbb'))).toThrow(
      expect.objectContaining({ code: 'receipt_reused', status: 409 }),
    )
    expect(store.get(b.id)).toBe(b)
    expect(() => store.markPaid(a.id, '456', paidTx('0xcc'))).toThrow(
      expect.objectContaining({ code: 'already_paid' }),
    )
    expect(store.get(a.id)?.paidTx?.txHash).toBe('0xaa')
    // The refused commitment 456 is still free for another order.
    expect(store.markPaid(b.id, '456', paidTx('0xcc')).status).toBe('paid')
    expect(() => store.markPaid('99', '789', paidTx('0xdd'))).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })

  it('forgets the oldest unpaid orders past its limit, never a paid one', () => {
    const store = createOrderStore({ maxUnpaid: 2, keepUnpaidMs: 0 })
    const paid = store.create([line], 10n)
    store.markPaid(paid.id, '1', paidTx('0xaa'))
    const [o2, o3, o4] = [
      store.create([line], 1n),
      store.create([line], 1n),
      store.create([line], 1n),
    ]
    expect(store.get(o2.id)).toBeUndefined()
    expect(store.get(o3.id)).toBe(o3)
    expect(store.get(o4.id)).toBe(o4)
    expect(store.get(paid.id)?.status).toBe('paid')
  })

  it('a flood never loses an order being paid: young unpaid orders stay, new ones are refused (busy)', () => {
    let clock = 0
    const store = createOrderStore({ maxUnpaid: 3, keepUnpaidMs: 60_000, now: () => clock })
    const mine = store.create([line], 10n) // a customer starts paying this one
    const paid = store.create([line], 10n)
    store.markPaid(paid.id, '1', paidTx('0xaa'))
    for (let i = 0; i < 2; i++) store.create([line], 1n)
    for (let i = 0; i < 1000; i++)
      expect(() => store.create([line], 1n)).toThrow(
        expect.objectContaining({ code: 'busy', status: 503 }),
      )
    expect(store.markPaid(mine.id, '2', paidTx('0xbb')).status).toBe('paid')
    // once they are old, unpaid orders make room again, oldest first; paid ones stay
    clock += 60_000
    const next = store.create([line], 1n)
    expect(next.status).toBe('awaiting_payment')
    expect(store.get(paid.id)?.status).toBe('paid')
    expect(store.get(mine.id)?.status).toBe('paid')
  })
})
