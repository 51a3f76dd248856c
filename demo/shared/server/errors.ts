/** The codes the demo sites answer refusals with, in `{ error: { code, message } }`. */
export type DemoErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'invalid_receipt'
  | 'underpaid'
  | 'receipt_reused'
  | 'already_paid'
  | 'not_confirmed'
  | 'busy'
  | 'internal'

/** The HTTP status each code is answered with. */
export const httpStatus: Record<DemoErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  invalid_receipt: 422,
  underpaid: 402,
  receipt_reused: 409,
  already_paid: 409,
  not_confirmed: 425,
  busy: 503,
  internal: 500,
}

/** The JSON body of every refusal. */
export type DemoErrorBody = { error: { code: DemoErrorCode; message: string } }

/**
 * A refusal of a demo site's API. Shaped like the project's `BaseError`
 * (a stable code, a short message for people) but kept apart from it: these
 * codes are the demo's wire format, not the wallet's.
 */
export class DemoError extends Error {
  override name = 'DemoError'
  readonly code: DemoErrorCode
  readonly status: number

  constructor(code: DemoErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = httpStatus[code]
  }
}

export function errorBody(code: DemoErrorCode, message: string): DemoErrorBody {
  return { error: { code, message } }
}
