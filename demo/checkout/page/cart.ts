import { formatAmount, parseAmount } from '../../../lib/amount.js'

/** An item as `GET /api/items` lists it; `price` in token units. */
export type ShopItem = { id: string; name: string; description: string; price: string }

export type CartLine = { item: ShopItem; quantity: number; subtotal: string }

/** Most of one item in the cart (the server's limit too). */
export const MAX_QUANTITY = 99

export type Cart = ReturnType<typeof createCart>

/**
 * The shopper's cart: quantities by item and the total shown on the page.
 * The total is for display; the server prices the order itself.
 */
export function createCart(items: readonly ShopItem[], decimals: number) {
  const quantities = new Map<string, number>()
  const units = (item: ShopItem) => parseAmount(item.price, decimals)

  const lines = (): CartLine[] =>
    items.flatMap((item) => {
      const quantity = quantities.get(item.id) ?? 0
      if (quantity === 0) return []
      return [{ item, quantity, subtotal: formatAmount(units(item) * BigInt(quantity), decimals) }]
    })

  return {
    lines,
    add(id: string): void {
      if (!items.some((item) => item.id === id)) return
      quantities.set(id, Math.min(MAX_QUANTITY, (quantities.get(id) ?? 0) + 1))
    },
    remove(id: string): void {
      const quantity = (quantities.get(id) ?? 0) - 1
      if (quantity > 0) quantities.set(id, quantity)
      else quantities.delete(id)
    },
    clear(): void {
      quantities.clear()
    },
    isEmpty: (): boolean => quantities.size === 0,
    /** The total in token units, as the page shows it. */
    total(): string {
      let sum = 0n
      for (const item of items) sum += units(item) * BigInt(quantities.get(item.id) ?? 0)
      return formatAmount(sum, decimals)
    },
    /** The body of `POST /api/orders`: ids and quantities, no prices. */
    orderItems: (): { id: string; quantity: number }[] =>
      lines().map(({ item, quantity }) => ({ id: item.id, quantity })),
    /** Identifies the contents, to tell whether an order made earlier still matches the cart. */
    key: (): string => JSON.stringify([...quantities].sort()),
  }
}
