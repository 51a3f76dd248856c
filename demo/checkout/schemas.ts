import { z } from 'zod'
import { catalogIds } from './catalog.js'
import { MAX_QUANTITY } from './priceOrder.js'

/**
 * `POST /api/orders`: items and quantities, nothing else. Strict, so a page
 * that sends a price or a total is told so rather than silently trusted.
 */
export const createOrderBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        id: z.enum(catalogIds, { error: 'is not an item of this shop' }),
        quantity: z
          .number({ error: 'must be a whole number' })
          .int({ error: 'must be a whole number' })
          .min(1, { error: `must be from 1 to ${MAX_QUANTITY}` })
          .max(MAX_QUANTITY, { error: `must be from 1 to ${MAX_QUANTITY}` }),
      }),
      { error: 'must be a list of { id, quantity }' },
    )
    .min(1, { error: 'is empty: add something to the cart' })
    .max(catalogIds.length * 4, { error: 'lists too many lines' }),
})
