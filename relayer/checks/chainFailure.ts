import { BaseError as ViemBaseError } from 'viem'
import { RelayError } from '../../lib/errors.js'

/** A chain read that failed (not a refusal): the relayer cannot tell, so `relay_failed`. */
export function chainFailure(cause: unknown): never {
  const why = cause instanceof ViemBaseError ? cause.shortMessage : 'the RPC did not answer'
  throw new RelayError('relay_failed', `The relayer could not read the chain: ${why}`, { cause })
}
