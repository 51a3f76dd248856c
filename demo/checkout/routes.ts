import type { FastifyInstance } from 'fastify'
import { formatAmount } from '../../lib/amount.js'
import type { DemoChain } from '../shared/server/connectChain.js'
import { DemoError } from '../shared/server/errors.js'
import { parseBody } from '../shared/server/parseBody.js'
import { receiptBody } from '../shared/server/receiptBody.js'
import { verifyPayment } from '../shared/server/verifyPayment.js'
import { catalog } from './catalog.js'
import { orderJson } from './orderJson.js'
import type { Order, OrderStore } from './orderStore.js'
import { priceOrder } from './priceOrder.js'
import { createOrderBody } from './schemas.js'

export type CheckoutContext = {
  chain: DemoChain
  /** The shielded address every order is paid to. */
  merchantAddress: string
  store: OrderStore
}

/**
 * The shop's API: its config and items, orders priced on the server, and
 * `POST /api/orders/:id/receipt`, which pays an order with a receipt that
 * `verifyReceipt` accepts for the merchant, covers the total and paid
 * nothing before.
 */
export function checkoutRoutes(app: FastifyInstance, context: CheckoutContext): void {
  const { chain, merchantAddress, store } = context
  const { deployment, symbol, decimals } = chain
  const config = {
    chainId: deployment.chainId,
    pool: deployment.pool,
    token: deployment.token,
    symbol,
    decimals,
    merchantAddress,
  }
  const items = catalog.map((item) => ({ ...item }))
  const findOrder = (id: string): Order => {
    const order = /^\d{1,12}$/.test(id) ? store.get(id) : undefined
    if (!order) throw new DemoError('not_found', `There is no order ${id}.`)
    return order
  }

  app.get('/api/config', async () => config)
  app.get('/api/items', async () => ({ items }))

  app.post('/api/orders', async (request) => {
    const body = parseBody(createOrderBody, request.body)
    const { lines, total } = priceOrder(body.items, decimals)
    const order = store.create(lines, total)
    request.log.info({ orderId: order.id, total: total.toString() }, 'order created')
    return {
      orderId: order.id,
      amount: formatAmount(total, decimals),
      to: merchantAddress,
      token: deployment.token,
      memo: `order ${order.id}`,
    }
  })

  app.get<{ Params: { id: string } }>('/api/orders/:id', async (request) =>
    orderJson(findOrder(request.params.id), decimals),
  )

  app.post<{ Params: { id: string } }>('/api/orders/:id/receipt', async (request) => {
    const order = findOrder(request.params.id)
    const body = parseBody(receiptBody, request.body)
    if (order.status === 'paid')
      throw new DemoError('already_paid', `Order ${order.id} is already paid.`)
    const payment = await verifyPayment({ chain, receipt: body.receipt, address: merchantAddress })
    const { receipt } = payment
    if (receipt.amount < order.total)
      throw new DemoError(
        'underpaid',
        `The receipt pays ${formatAmount(receipt.amount, decimals)} ${symbol}; order ${order.id} costs ${formatAmount(order.total, decimals)} ${symbol}.`,
      )
    // The memo is the payer's word only (it is not in the commitment), so it
    // names the order for people; the commitment is what pays it, once.
    const paid = store.markPaid(order.id, payment.commitmentKey, {
      txHash: receipt.txHash,
      blockNumber: receipt.blockNumber,
      confirmations: payment.confirmations,
      amount: receipt.amount,
    })
    request.log.info(
      { orderId: paid.id, txHash: receipt.txHash, blockNumber: receipt.blockNumber.toString() },
      'order paid',
    )
    return orderJson(paid, decimals)
  })
}
