import type { Hex } from 'viem'
import { DemoError } from '../shared/server/errors.js'
import type { OrderLine } from './priceOrder.js'

/** Where the payment of a paid order is on chain. */
export type PaidTx = {
  txHash: Hex
  blockNumber: bigint
  /** At the moment the receipt was accepted. */
  confirmations: bigint
  /** What the receipt paid, base units (at least the total). */
  amount: bigint
}

export type Order = {
  readonly id: string
  readonly lines: readonly OrderLine[]
  /** Base units. */
  readonly total: bigint
  readonly status: 'awaiting_payment' | 'paid'
  readonly paidTx?: PaidTx
}

export type OrderStore = ReturnType<typeof createOrderStore>

export type CreateOrderStoreParameters = {
  /** Unpaid orders kept at most. */
  maxUnpaid?: number
  /**
   * An unpaid order younger than this is never forgotten: its customer may be
   * paying it right now. When all are that young the store refuses new
   * orders (`busy`) instead; a flood can delay orders, never lose a payment.
   */
  keepUnpaidMs?: number
  now?: () => number
}

/**
 * The shop's orders and the receipts it has accepted, in memory. Orders are
 * replaced, never changed in place, so a refusal leaves nothing half done.
 * Paid orders and accepted commitments are kept for good (the commitments
 * are what stops a receipt paying twice); past `maxUnpaid`, the oldest
 * unpaid order older than `keepUnpaidMs` is forgotten.
 */
export function createOrderStore({
  maxUnpaid = 1000,
  keepUnpaidMs = 30 * 60_000,
  now = Date.now,
}: CreateOrderStoreParameters = {}) {
  const orders = new Map<string, Order>()
  /** When each unpaid order was made. */
  const created = new Map<string, number>()
  /** Commitment (decimal) → the order it paid. */
  const accepted = new Map<string, string>()
  let lastId = 0
  let unpaid = 0

  /** Throws `receipt_reused` if the commitment already paid an order. */
  function assertUnused(commitmentKey: string): void {
    const paidOrder = accepted.get(commitmentKey)
    if (paidOrder !== undefined)
      throw new DemoError('receipt_reused', `This receipt already paid order ${paidOrder}.`)
  }

  /** Forgets the oldest unpaid order if it is old enough; whether it did. */
  function forgetOldestUnpaid(): boolean {
    for (const [id, at] of created) {
      if (now() - at < keepUnpaidMs) return false
      created.delete(id)
      orders.delete(id)
      unpaid--
      return true
    }
    return false
  }

  return {
    /** A new unpaid order; throws `busy` when every unpaid order kept is still young. */
    create(lines: readonly OrderLine[], total: bigint): Order {
      if (unpaid >= maxUnpaid && !forgetOldestUnpaid())
        throw new DemoError('busy', 'The shop has too many open orders; try again in a while.')
      const order: Order = { id: String(++lastId), lines, total, status: 'awaiting_payment' }
      orders.set(order.id, order)
      created.set(order.id, now())
      unpaid++
      return order
    },

    get(id: string): Order | undefined {
      return orders.get(id)
    },

    /**
     * Marks an order paid by the payment with this commitment. Synchronous, so
     * the checks and the write happen together: of two requests racing with
     * one receipt, one pays and the other is refused.
     */
    markPaid(id: string, commitmentKey: string, paidTx: PaidTx): Order {
      const order = orders.get(id)
      if (!order) throw new DemoError('not_found', `There is no order ${id}.`)
      if (order.status === 'paid')
        throw new DemoError('already_paid', `Order ${id} is already paid.`)
      assertUnused(commitmentKey)
      const paid: Order = { ...order, status: 'paid', paidTx }
      orders.set(id, paid)
      accepted.set(commitmentKey, id)
      created.delete(id)
      unpaid--
      return paid
    },
  }
}
