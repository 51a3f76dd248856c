/** The `data.reason` of the wallet's errors (docs/provider.md). */
export type ZkpayErrorReason =
  | 'user_rejected'
  | 'unauthorized'
  | 'wallet_locked'
  | 'unsupported_method'
  | 'disconnected'
  | 'invalid_params'
  | 'request_pending'
  | 'insufficient_balance'
  | 'proof_failed'
  | 'relay_failed'
  | 'internal'

const reasons: readonly string[] = [
  'user_rejected',
  'unauthorized',
  'wallet_locked',
  'unsupported_method',
  'disconnected',
  'invalid_params',
  'request_pending',
  'insufficient_balance',
  'proof_failed',
  'relay_failed',
  'internal',
]

/** A request the wallet refused or failed: its code, and the reason that tells same-code errors apart. */
export class ZkpayError extends Error {
  override name = 'ZkpayError'
  readonly code: number
  readonly reason: ZkpayErrorReason

  constructor(code: number, reason: ZkpayErrorReason, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
    this.reason = reason
  }

  /** The wallet's rejection (or anything a provider threw) as a `ZkpayError`. */
  static from(error: unknown): ZkpayError {
    if (error instanceof ZkpayError) return error
    const e = error as { code?: unknown; message?: unknown; data?: { reason?: unknown } } | null
    const reason = e?.data?.reason
    return new ZkpayError(
      typeof e?.code === 'number' ? e.code : -32603,
      typeof reason === 'string' && reasons.includes(reason)
        ? (reason as ZkpayErrorReason)
        : 'internal',
      typeof e?.message === 'string' ? e.message : String(error),
      { cause: error },
    )
  }
}
