/** Fast sync from an indexer that the wallet trusts for nothing (docs/indexer.md). */
export { checkNullifiersOnChain } from './checkNullifiersOnChain.js'
export { confirmSpends } from './confirmSpends.js'
export {
  type CreateIndexerEventReaderParameters,
  createIndexerEventReader,
  type EventSource,
  type IndexerEventReader,
} from './createIndexerEventReader.js'
export { IndexerError, type IndexerFailure } from './errors.js'
export { readIndexerRange } from './readIndexerRange.js'
export {
  type SyncPoolViaIndexerParameters,
  type SyncPoolViaIndexerReturnType,
  syncPoolViaIndexer,
} from './syncPoolViaIndexer.js'
export { parseWireRow, toWireRow, WIRE_VERSION, type WireRow } from './wireFormat.js'
