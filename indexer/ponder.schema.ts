/**
 * One row per pool transaction (`Transaction` event), keyed by the leaf index of
 * its first output: the commitments, the nullifiers it spent and its external
 * data with the ciphertexts, as the event has them. Served in whole leaf or
 * block ranges (src/api), never per note.
 */
import { index, onchainTable } from 'ponder'

export const poolTransaction = onchainTable(
  'pool_transaction',
  (t) => ({
    /** Global index of the first output; the second is at `leafIndex + 1`. */
    leafIndex: t.integer().primaryKey(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
    commitment0: t.bigint().notNull(),
    commitment1: t.bigint().notNull(),
    /** Decimal strings, in the event's order. */
    nullifiers: t.text().array().notNull(),
    recipient: t.hex().notNull(),
    extAmount: t.bigint().notNull(),
    relayer: t.hex().notNull(),
    fee: t.bigint().notNull(),
    encryptedOutput1: t.hex().notNull(),
    encryptedOutput2: t.hex().notNull(),
    encryptedHistory: t.hex().notNull(),
  }),
  (table) => ({ byBlock: index().on(table.blockNumber) }),
)
