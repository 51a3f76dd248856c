/**
 * One error base for the whole project, in the style of viem's `BaseError`:
 * a short message for people, optional details, the cause, and a stable
 * `code` that the provider and the relayer map to their wire errors.
 */
export type ErrorCode =
  | 'invalid_address'
  | 'invalid_amount'
  | 'invalid_key'
  | 'invalid_mnemonic'
  | 'invalid_note'
  | 'invalid_field_element'
  | 'decryption_failed'
  | 'insufficient_balance'
  | 'too_many_inputs'
  | 'invalid_proof'
  | 'proof_failed'
  | 'unknown_root'
  | 'nullifier_spent'
  | 'tree_mismatch'
  | 'chain_error'
  | 'invalid_receipt'
  | 'bad_request'
  | 'internal'
  | 'unsupported_pool'
  | 'wrong_relayer'
  | 'reverted'
  | 'fee_too_low'
  | 'relay_failed'
  | 'rate_limited'
  | 'gas_over_quote'
  | 'quote_invalid'
  | 'relayer_timeout'
  | 'no_relayer'
  | 'cancelled'
  | 'invalid_config'
  | 'wrong_password'
  | 'invalid_keystore'
  | 'wallet_not_found'
  | 'wallet_exists'
  | 'password_required'
  | 'wallet_locked'
  | 'view_only'
  | 'payment_in_progress'

export type BaseErrorParameters = {
  details?: string
  cause?: unknown
}

export class BaseError extends Error {
  override name = 'ZkpayError'
  readonly code: ErrorCode
  readonly shortMessage: string
  readonly details?: string

  constructor(code: ErrorCode, shortMessage: string, params: BaseErrorParameters = {}) {
    const message = params.details ? `${shortMessage}\n\nDetails: ${params.details}` : shortMessage
    super(message, params.cause === undefined ? undefined : { cause: params.cause })
    this.code = code
    this.shortMessage = shortMessage
    if (params.details !== undefined) this.details = params.details
  }
}

export class InvalidAddressError extends BaseError {
  override name = 'InvalidAddressError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('invalid_address', shortMessage, params)
  }
}

export class InvalidAmountError extends BaseError {
  override name = 'InvalidAmountError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('invalid_amount', shortMessage, params)
  }
}

export class InvalidKeyError extends BaseError {
  override name = 'InvalidKeyError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('invalid_key', shortMessage, params)
  }
}

export class InvalidMnemonicError extends BaseError {
  override name = 'InvalidMnemonicError'
  constructor(
    shortMessage = 'The recovery phrase is not a valid BIP-39 mnemonic.',
    params?: BaseErrorParameters,
  ) {
    super('invalid_mnemonic', shortMessage, params)
  }
}

export class InvalidNoteError extends BaseError {
  override name = 'InvalidNoteError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('invalid_note', shortMessage, params)
  }
}

export class InvalidFieldElementError extends BaseError {
  override name = 'InvalidFieldElementError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('invalid_field_element', shortMessage, params)
  }
}

export class DecryptionFailedError extends BaseError {
  override name = 'DecryptionFailedError'
  constructor(
    shortMessage = 'The encrypted output is not for this viewing key.',
    params?: BaseErrorParameters,
  ) {
    super('decryption_failed', shortMessage, params)
  }
}

export class InsufficientBalanceError extends BaseError {
  override name = 'InsufficientBalanceError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('insufficient_balance', shortMessage, params)
  }
}

export class TooManyInputsError extends BaseError {
  override name = 'TooManyInputsError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('too_many_inputs', shortMessage, params)
  }
}

export class ProofFailedError extends BaseError {
  override name = 'ProofFailedError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('proof_failed', shortMessage, params)
  }
}

export class TreeMismatchError extends BaseError {
  override name = 'TreeMismatchError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('tree_mismatch', shortMessage, params)
  }
}

export class ChainError extends BaseError {
  override name = 'ChainError'
  /** The contract's custom error name when a call reverted (e.g. `NullifierSpent`). */
  readonly reason?: string
  constructor(shortMessage: string, params: BaseErrorParameters & { reason?: string } = {}) {
    super('chain_error', shortMessage, params)
    if (params.reason !== undefined) this.reason = params.reason
  }
}

export class InvalidReceiptError extends BaseError {
  override name = 'InvalidReceiptError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('invalid_receipt', shortMessage, params)
  }
}

/** The codes a relayer answers with (its wire errors), and the client throws. */
export type RelayErrorCode =
  | 'bad_request'
  | 'unsupported_pool'
  | 'wrong_relayer'
  | 'unknown_root'
  | 'nullifier_spent'
  | 'invalid_proof'
  | 'reverted'
  | 'fee_too_low'
  | 'relay_failed'
  | 'rate_limited'
  | 'gas_over_quote'
  | 'quote_invalid'

/** A relay refused or failed: thrown by the relayer's checks and by the relayer client. */
export class RelayError extends BaseError {
  override name = 'RelayError'
  declare readonly code: RelayErrorCode
  /** The HTTP status the relayer answered with, when there was an answer. */
  readonly status?: number
  constructor(
    code: RelayErrorCode,
    shortMessage: string,
    params: BaseErrorParameters & { status?: number } = {},
  ) {
    super(code, shortMessage, params)
    if (params.status !== undefined) this.status = params.status
  }
}

/** A service's configuration is missing or malformed (it refuses to start). */
export class InvalidConfigError extends BaseError {
  override name = 'InvalidConfigError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('invalid_config', shortMessage, params)
  }
}

/** A keystore did not open: the password is wrong (or the blob was altered). */
export class WrongPasswordError extends BaseError {
  override name = 'WrongPasswordError'
  constructor(shortMessage = 'Wrong password.', params?: BaseErrorParameters) {
    super('wrong_password', shortMessage, params)
  }
}

/** A keystore blob is malformed, of an unknown version, or asks for unsafe parameters. */
export class InvalidKeystoreError extends BaseError {
  override name = 'InvalidKeystoreError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('invalid_keystore', shortMessage, params)
  }
}

/** There is no wallet where one was expected (the CLI's home holds no keystore). */
export class WalletNotFoundError extends BaseError {
  override name = 'WalletNotFoundError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('wallet_not_found', shortMessage, params)
  }
}

/** Creating a wallet would overwrite an existing one. */
export class WalletExistsError extends BaseError {
  override name = 'WalletExistsError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('wallet_exists', shortMessage, params)
  }
}

/** A password is needed and there is no way to ask for one (no file, no environment, no terminal). */
export class PasswordRequiredError extends BaseError {
  override name = 'PasswordRequiredError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('password_required', shortMessage, params)
  }
}

/** The wallet is locked: unlock it with its password first. */
export class WalletLockedError extends BaseError {
  override name = 'WalletLockedError'
  constructor(shortMessage = 'The wallet is locked.', params?: BaseErrorParameters) {
    super('wallet_locked', shortMessage, params)
  }
}

/** A watch-only wallet (a full viewing key) sees everything but can spend nothing. */
export class ViewOnlyError extends BaseError {
  override name = 'ViewOnlyError'
  constructor(
    shortMessage = 'This wallet only watches: it was imported from a viewing key and cannot spend.',
    params?: BaseErrorParameters,
  ) {
    super('view_only', shortMessage, params)
  }
}

/**
 * A relayer did not answer in time. `sent` says whether the request that
 * timed out could have made it submit a transaction (a relay did, a status
 * read did not): then the payment may still land, and only the chain tells.
 */
export class RelayerTimeoutError extends BaseError {
  override name = 'RelayerTimeoutError'
  readonly url: string
  readonly timeoutMs: number
  readonly sent: boolean
  constructor(params: { url: string; timeoutMs: number; sent: boolean; cause?: unknown }) {
    const seconds = Math.round(params.timeoutMs / 100) / 10
    super(
      'relayer_timeout',
      params.sent
        ? `The relayer at ${params.url} did not answer within ${seconds} s after taking the transaction; it may still land.`
        : `The relayer at ${params.url} did not answer within ${seconds} s.`,
      params.cause === undefined ? {} : { cause: params.cause },
    )
    this.url = params.url
    this.timeoutMs = params.timeoutMs
    this.sent = params.sent
  }
}

/** No configured relayer is healthy, serves the pool and answers: nothing was sent. */
export class NoRelayerError extends BaseError {
  override name = 'NoRelayerError'
  constructor(shortMessage: string, params?: BaseErrorParameters) {
    super('no_relayer', shortMessage, params)
  }
}

/** The user cancelled a payment before it was sent: nothing was spent. */
export class PaymentCancelledError extends BaseError {
  override name = 'PaymentCancelledError'
  constructor(shortMessage = 'You cancelled this payment before it was sent; nothing was spent.') {
    super('cancelled', shortMessage)
  }
}

/** Something that would drop a payment's reserved notes was asked while one runs. */
export class PaymentInProgressError extends BaseError {
  override name = 'PaymentInProgressError'
  constructor(
    shortMessage = 'A payment is still in progress: try again once it has settled or failed.',
  ) {
    super('payment_in_progress', shortMessage)
  }
}
