import { z } from 'zod'

/**
 * `POST /api/orders/:id/receipt` and `POST /api/tips`: `{ receipt }`, the
 * object the wallet resolved with. Its fields are `parseReceipt`'s to check.
 */
export const receiptBody = z.strictObject({
  receipt: z.record(z.string(), z.unknown(), { error: 'must be the receipt object' }),
})
