import { formatAmount } from '../../lib/amount.js'
import type { Order } from './orderStore.js'

/** `GET /api/orders/:id`: amounts in token units, bigints as decimal strings. */
export type OrderJson = {
  orderId: string
  status: Order['status']
  amount: string
  items: { id: string; name: string; quantity: number; price: string }[]
  paidTx?: { txHash: string; blockNumber: string; confirmations: number; amount: string }
}

export function orderJson(order: Order, decimals: number): OrderJson {
  const { paidTx } = order
  return {
    orderId: order.id,
    status: order.status,
    amount: formatAmount(order.total, decimals),
    items: order.lines.map((line) => ({
      id: line.id,
      name: line.name,
      quantity: line.quantity,
      price: formatAmount(line.unitPrice, decimals),
    })),
    ...(paidTx
      ? {
          paidTx: {
            txHash: paidTx.txHash,
            blockNumber: paidTx.blockNumber.toString(),
            confirmations: Number(paidTx.confirmations),
            amount: formatAmount(paidTx.amount, decimals),
          },
        }
      : {}),
  }
}
