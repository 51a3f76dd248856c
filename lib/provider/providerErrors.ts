import { BaseError, type ErrorCode } from '../errors.js'

/**
 * The provider's errors, EIP-1193 in shape: a numeric `code` a site can
 * switch on and a stable `reason` string beside it (docs/provider.md).
 *
 * Only standard EIP-1193 / EIP-1474 codes, each one that sites' clients
 * (viem's `custom()` transport above all) map to an error they never retry:
 * a retried `zkpay_tip` is a second tip. That is why no reason uses -32603
 * or -32005 (viem retries those) or a code of its own (viem turns unknown
 * codes into `UnknownRpcError` and retries it; 5000 it reads as a rejection).
 */
export const providerErrorCodes = {
  user_rejected: 4001,
  unauthorized: 4100,
  wallet_locked: 4100,
  unsupported_method: 4200,
  disconnected: 4900,
  invalid_params: -32602,
  request_pending: -32002,
  insufficient_balance: -32000,
  proof_failed: -32003,
  relay_failed: -32003,
  internal: -32003,
} as const

export type ProviderErrorReason = keyof typeof providerErrorCodes

/** An error as it crosses from the wallet to a page (structured-clone safe). */
export type ProviderErrorJson = {
  code: number
  message: string
  data: { reason: ProviderErrorReason }
}

/** What `window.zkpay.request` rejects with. */
export class ProviderRpcError extends Error {
  override name = 'ProviderRpcError'
  readonly code: number
  readonly data: { reason: ProviderErrorReason }

  constructor(reason: ProviderErrorReason, message: string) {
    super(message)
    this.code = providerErrorCodes[reason]
    this.data = { reason }
  }

  /** Rebuilds the error a page receives; an unknown reason becomes `internal`. */
  static fromJson(json: Partial<ProviderErrorJson> | undefined): ProviderRpcError {
    const reason = json?.data?.reason
    const known = typeof reason === 'string' && Object.hasOwn(providerErrorCodes, reason)
    return new ProviderRpcError(
      known ? reason : 'internal',
      typeof json?.message === 'string' ? json.message : 'The wallet failed.',
    )
  }

  toJson(): ProviderErrorJson {
    return { code: this.code, message: this.message, data: { ...this.data } }
  }
}

export function providerError(reason: ProviderErrorReason, message: string): ProviderErrorJson {
  return new ProviderRpcError(reason, message).toJson()
}

/** The wallet's own error codes, as far as a page may learn them. */
const byWalletCode: Partial<Record<ErrorCode, ProviderErrorReason>> = {
  wallet_locked: 'wallet_locked',
  insufficient_balance: 'insufficient_balance',
  too_many_inputs: 'insufficient_balance',
  invalid_address: 'invalid_params',
  invalid_amount: 'invalid_params',
  bad_request: 'invalid_params',
  proof_failed: 'proof_failed',
  invalid_proof: 'proof_failed',
  chain_error: 'relay_failed',
  gas_over_quote: 'relay_failed',
  quote_invalid: 'relay_failed',
  relayer_timeout: 'relay_failed',
  no_relayer: 'relay_failed',
  cancelled: 'user_rejected',
  unknown_root: 'relay_failed',
  nullifier_spent: 'relay_failed',
  reverted: 'relay_failed',
  fee_too_low: 'relay_failed',
  relay_failed: 'relay_failed',
  rate_limited: 'relay_failed',
  wrong_relayer: 'relay_failed',
  unsupported_pool: 'relay_failed',
  invalid_note: 'relay_failed',
}

/**
 * What a page gets for an error thrown inside the wallet: provider errors
 * as they are, the wallet's typed errors mapped by code with their short
 * message, and anything else a generic `internal` (its text may hold
 * internals, so it stays in the wallet's console).
 */
export function toProviderError(error: unknown): ProviderErrorJson {
  if (error instanceof ProviderRpcError) return error.toJson()
  if (error instanceof BaseError) {
    const reason = byWalletCode[error.code]
    if (reason) return providerError(reason, error.shortMessage)
  }
  return providerError('internal', 'Something went wrong in the wallet.')
}
