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

/**
 * The shop's orders and the receipts it has accepted, in memory. Orders are
 * replaced, never changed in place, so a refusal leaves nothing half done;
 * the oldest unpaid orders are forgotten past `maxUnpaid`, accepted
 * commitments never (they are what stops a receipt paying twice).
 */
export function createOrderStore({ maxUnpaid = 1000 }: { maxUnpaid?: number } = {}) {
  const orders = new Map<string, Order>()
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

  function forgetOldestUnpaid() {
    for (const order of orders.values())
      if (order.status === 'awaiting_payment') {
        orders.delete(order.id)
        unpaid--
        return
      }
  }

  return {
    create(lines: readonly OrderLine[], total: bigint): Order {
      const order: Order = { id: String(++lastId), lines, total, status: 'awaiting_payment' }
      orders.set(order.id, order)
      if (++unpaid > maxUnpaid) forgetOldestUnpaid()
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
      unpaid--
      return paid
    },
  }
}
