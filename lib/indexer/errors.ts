import { BaseError, type BaseErrorParameters } from '../errors.js'

/** Why the indexer's answer was not used. */
export type IndexerFailure =
  /** No answer, a network error or a non-200 status. */
  | 'unreachable'
  /** No answer within the time allowed. */
  | 'timeout'
  /** It indexes another chain or pool. */
  | 'wrong_pool'
  /** It has not indexed the blocks asked for yet. */
  | 'behind'
  /** Rows that do not parse: bad encoding, lengths, field elements. */
  | 'bad_data'
  /** Rows that parse but contradict each other or the chain: gaps, repeats, wrong indexes, counts. */
  | 'inconsistent'

/**
 * The indexer could not be used for a read. The reader catches it and reads
 * the chain instead; it only reaches a caller through `onFallback`.
 */
export class IndexerError extends BaseError {
  override name = 'IndexerError'
  readonly reason: IndexerFailure
  constructor(reason: IndexerFailure, shortMessage: string, params?: BaseErrorParameters) {
    super('chain_error', shortMessage, params)
    this.reason = reason
  }
}
