import type { RelayErrorCode } from '../lib/errors.js'

/** The HTTP status each relay error is answered with. */
export const httpStatus: Record<RelayErrorCode, number> = {
  bad_request: 400,
  unsupported_pool: 400,
  wrong_relayer: 400,
  unknown_root: 409,
  nullifier_spent: 409,
  invalid_proof: 400,
  reverted: 422,
  fee_too_low: 402,
  relay_failed: 502,
  rate_limited: 429,
  gas_over_quote: 422,
  quote_invalid: 400,
}
