import { parseAmount } from '../../lib/amount.js'
import { DemoError } from '../shared/server/errors.js'
import { catalog } from './catalog.js'

/** Most of one item an order may hold. */
export const MAX_QUANTITY = 99

/** A priced line of an order: the catalog's price, never the client's. */
export type OrderLine = {
  id: string
  name: string
  quantity: number
  /** Base units. */
  unitPrice: bigint
}

export type PricedOrder = { lines: OrderLine[]; total: bigint }

/**
 * Prices the items a page asked for from the catalog, in base units of a
 * token with `decimals` decimals. A page names items and quantities only;
 * the same item twice is one line with the quantities added.
 */
export function priceOrder(
  items: readonly { id: string; quantity: number }[],
  decimals: number,
): PricedOrder {
  const quantities = new Map<string, number>()
  for (const { id, quantity } of items) quantities.set(id, (quantities.get(id) ?? 0) + quantity)
  const lines: OrderLine[] = []
  let total = 0n
  for (const [id, quantity] of quantities) {
    const item = catalog.find((entry) => entry.id === id)
    if (!item) throw new DemoError('bad_request', `There is no item "${id}" in this shop.`)
    if (quantity > MAX_QUANTITY)
      throw new DemoError('bad_request', `At most ${MAX_QUANTITY} of "${item.name}" per order.`)
    const line = { id, name: item.name, quantity, unitPrice: parseAmount(item.price, decimals) }
    lines.push(line)
    total += line.unitPrice * BigInt(quantity)
  }
  return { lines, total }
}
