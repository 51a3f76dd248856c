/**
 * The shop's page: a cart, and a checkout that pays with `zkpay_pay` and
 * hands the receipt to the shop's server, which verifies it on chain.
 *
 * data-testid, for browser tests:
 *   provider-status    whether zkpay is here and which address is connected
 *   install-help       shown when there is no window.zkpay
 *   load-error         the shop's API could not be read
 *   item-list          the items; each <li> is item-<id>
 *   item-<id>          one item (ids: sticker-pack, enamel-mug, zine)
 *   add-<id>           its "Add to cart" button
 *   merchant-address   the shop's shielded address
 *   cart-empty         "Your cart is empty."
 *   cart-lines         the cart's lines; each <li> is cart-line-<id>
 *   cart-line-<id>     one line
 *   cart-quantity-<id> its quantity
 *   cart-decrease-<id> its "−" button
 *   cart-increase-<id> its "+" button
 *   cart-subtotal-<id> its subtotal, token units and symbol
 *   cart-total         the total, e.g. "2.75 zUSD"
 *   pay-button         "Pay privately with zkpay"
 *   pay-status         the current step in words
 *   pay-error          the last failure with its code, e.g. "Rejected (4001): …"
 *   order              the order box, once an order exists
 *   order-id           its id
 *   order-amount       its amount as the server priced it
 *   order-status       "Awaiting payment" or "Paid" (data-status awaiting_payment | paid)
 *   order-block        the block the payment settled in
 *   order-tx           the payment's transaction hash
 */
import { ApiError, api } from '../../shared/page/api.js'
import { connectedAddress, ensureConnected } from '../../shared/page/connect.js'
import { describeError } from '../../shared/page/describeError.js'
import { byTestId, fromTemplate, setLine, shortAddress } from '../../shared/page/dom.js'
import {
  clientOf,
  findProvider,
  on,
  type ReceiptJson,
  type ZkpayProvider,
} from '../../shared/page/zkpay.js'
import type { OrderJson } from '../orderJson.js'
import { type Cart, createCart, type ShopItem } from './cart.js'

type ShopConfig = {
  chainId: number
  pool: string
  token: string
  symbol: string
  decimals: number
  merchantAddress: string
}

type CreatedOrder = { orderId: string; amount: string; to: string; token: string; memo: string }

const providerStatus = byTestId('provider-status')
const payButton = byTestId<HTMLButtonElement>('pay-button')
const payStatus = byTestId('pay-status')
const payError = byTestId('pay-error')

/** What a retry can skip: the order made for this cart, and a receipt the shop has not taken yet. */
let pending: { order: CreatedOrder; cartKey: string; receipt?: ReceiptJson } | undefined
let busy = false

async function main() {
  let config: ShopConfig
  let items: ShopItem[]
  let provider: ZkpayProvider | undefined
  try {
    ;[config, { items }, provider] = await Promise.all([
      api<ShopConfig>('/api/config'),
      api<{ items: ShopItem[] }>('/api/items'),
      findProvider(),
    ])
  } catch (error) {
    setLine(
      byTestId('load-error'),
      `The shop is not answering. ${describeError(error, 'the shop')}`,
      'error',
    )
    return
  }
  byTestId('merchant-address').textContent = config.merchantAddress
  const cart = createCart(items, config.decimals)
  const rerender = () => renderCart(cart, config, provider)
  renderItems(items, config, (id) => {
    cart.add(id)
    rerender()
  })
  byTestId('cart-lines').addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('button')
    const id = button?.closest('li')?.dataset.id
    if (!button || !id) return
    if (button.classList.contains('increase')) cart.add(id)
    else cart.remove(id)
    rerender()
  })

  if (!provider) {
    setLine(providerStatus, 'zkpay is not installed: you can look around, but not pay.', 'error')
    byTestId('install-help').hidden = false
  } else {
    const wallet = provider
    await showConnection(wallet)
    on(wallet, 'connect', () => void showConnection(wallet))
    on(wallet, 'disconnect', () =>
      setLine(providerStatus, 'zkpay is here; this shop is not connected.'),
    )
    payButton.addEventListener('click', () => void pay(wallet, config, cart, rerender))
  }
  rerender()
}

async function showConnection(provider: ZkpayProvider) {
  try {
    const address = await connectedAddress(provider)
    setLine(
      providerStatus,
      address
        ? `zkpay is connected as ${shortAddress(address)}.`
        : 'zkpay is here. It will ask to connect this shop when you pay.',
    )
  } catch (error) {
    setLine(providerStatus, describeError(error), 'error')
  }
}

function renderItems(items: ShopItem[], config: ShopConfig, onAdd: (id: string) => void) {
  const list = byTestId('item-list')
  for (const item of items) {
    const fragment = fromTemplate('item')
    const li = fragment.querySelector('li')!
    li.dataset.testid = `item-${item.id}`
    li.querySelector('.name')!.textContent = item.name
    li.querySelector('.price')!.textContent = `${item.price} ${config.symbol}`
    li.querySelector('.description')!.textContent = item.description
    const add = li.querySelector<HTMLButtonElement>('.add')!
    add.dataset.testid = `add-${item.id}`
    add.addEventListener('click', () => onAdd(item.id))
    list.append(fragment)
  }
}

function renderCart(cart: Cart, config: ShopConfig, provider: ZkpayProvider | undefined) {
  const list = byTestId('cart-lines')
  list.replaceChildren()
  for (const { item, quantity, subtotal } of cart.lines()) {
    const fragment = fromTemplate('cart-line')
    const li = fragment.querySelector('li')!
    li.dataset.id = item.id
    li.dataset.testid = `cart-line-${item.id}`
    li.querySelector('.name')!.textContent = item.name
    const count = li.querySelector<HTMLElement>('.quantity')!
    count.textContent = String(quantity)
    count.dataset.testid = `cart-quantity-${item.id}`
    li.querySelector<HTMLElement>('.decrease')!.dataset.testid = `cart-decrease-${item.id}`
    li.querySelector<HTMLElement>('.increase')!.dataset.testid = `cart-increase-${item.id}`
    const sub = li.querySelector<HTMLElement>('.subtotal')!
    sub.textContent = `${subtotal} ${config.symbol}`
    sub.dataset.testid = `cart-subtotal-${item.id}`
    list.append(fragment)
  }
  byTestId('cart-empty').hidden = !cart.isEmpty()
  byTestId('cart-total').textContent = `${cart.total()} ${config.symbol}`
  const retrying = pending?.receipt && pending.cartKey === cart.key()
  payButton.textContent = retrying
    ? 'Send the receipt to the shop again'
    : 'Pay privately with zkpay'
  payButton.disabled = busy || !provider || cart.isEmpty()
}

/**
 * Connect if needed → the server prices an order → `zkpay_pay` → the server
 * verifies the receipt. Each step says what it waits for; a failure keeps
 * what is done (the order, a settled receipt) so that trying again resumes.
 */
async function pay(provider: ZkpayProvider, config: ShopConfig, cart: Cart, rerender: () => void) {
  const step = (text: string) => setLine(payStatus, text, 'busy')
  busy = true
  setLine(payError, '')
  rerender()
  try {
    step('Connecting to zkpay…')
    await ensureConnected(provider, config.chainId, () =>
      step('Waiting for you to connect this shop in the zkpay window…'),
    )
    await showConnection(provider)
    if (!pending || pending.cartKey !== cart.key()) {
      step('Creating your order…')
      const order = await api<CreatedOrder>('/api/orders', { items: cart.orderItems() })
      pending = { order, cartKey: cart.key() }
      showOrder(
        { orderId: order.orderId, status: 'awaiting_payment', amount: order.amount },
        config,
      )
    }
    const { order } = pending
    if (!pending.receipt) {
      step(
        `Waiting for your approval in zkpay: ${order.amount} ${config.symbol} to the shop, memo “${order.memo}”. After you approve, the payment settles in one block…`,
      )
      // Keyed by the order: pressing Pay again after a lost answer pays the order once.
      pending.receipt = await clientOf(provider).pay({
        to: order.to,
        amount: order.amount,
        token: order.token,
        memo: order.memo,
        idempotencyKey: `checkout-order-${order.orderId}`,
      })
    }
    step(`Settled in block ${pending.receipt.blockNumber}. Sending the receipt to the shop…`)
    const paid = await api<OrderJson>(`/api/orders/${order.orderId}/receipt`, {
      receipt: pending.receipt,
    })
    showOrder(paid, config)
    setLine(
      payStatus,
      `Paid. Settled in block ${paid.paidTx?.blockNumber}; receipt verified by the merchant.`,
      'ok',
    )
    pending = undefined
    cart.clear()
  } catch (error) {
    setLine(payError, describeError(error, 'the shop'), 'error')
    // The shop answered: that receipt will not do for this order. A network
    // failure keeps it, and the button offers to send it again.
    if (error instanceof ApiError && pending) delete pending.receipt
    setLine(
      payStatus,
      pending?.receipt
        ? 'The payment is settled, but the shop has not confirmed it yet.'
        : pending
          ? `Order ${pending.order.orderId} is not paid; you can try again.`
          : '',
      'info',
    )
  } finally {
    busy = false
    rerender()
  }
}

function showOrder(
  order: Pick<OrderJson, 'orderId' | 'status' | 'amount' | 'paidTx'>,
  config: ShopConfig,
) {
  byTestId('order').hidden = false
  byTestId('order-id').textContent = order.orderId
  byTestId('order-amount').textContent = `${order.amount} ${config.symbol}`
  const status = byTestId('order-status')
  status.textContent = order.status === 'paid' ? 'Paid' : 'Awaiting payment'
  status.dataset.status = order.status
  byTestId('order-block').textContent = order.paidTx?.blockNumber ?? '–'
  byTestId('order-tx').textContent = order.paidTx?.txHash ?? '–'
}

void main()
