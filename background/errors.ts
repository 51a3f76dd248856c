import { BaseError as ViemError } from 'viem'
import { BaseError } from '../lib/errors.js'
import { toChainError } from '../lib/pool/submitTransaction.js'
import type { SerializedError } from './messages.js'

/**
 * What a page gets for an error: the stable code and the short message of
 * the project's errors; for anything else a generic message (an unexpected
 * error's text may hold internals, so it goes to the worker's console only).
 */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof ViemError) error = toChainError(error) // the RPC failed or refused
  if (error instanceof BaseError) return { code: error.code, message: error.shortMessage }
  console.error('zkpay: unexpected error', error)
  return { code: 'internal', message: 'Something went wrong in the wallet.' }
}

/** A readable one-line message for activity rows and the sync status. */
export function errorMessage(error: unknown): string {
  if (error instanceof ViemError) return toChainError(error).shortMessage
  if (error instanceof BaseError) return error.shortMessage
  if (error instanceof Error && error.message) return error.message.split('\n')[0]!
  return 'Something went wrong.'
}

/** The stable code of a wallet error (or of a failed RPC call), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof ViemError) return toChainError(error).code
  return error instanceof BaseError ? error.code : undefined
}

/** A request the background cannot act on (unknown pool, malformed data). */
export class BadRequestError extends BaseError {
  override name = 'BadRequestError'
  constructor(shortMessage: string, params?: ConstructorParameters<typeof BaseError>[2]) {
    super('bad_request', shortMessage, params)
  }
}
