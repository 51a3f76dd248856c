import type { TransactionEvent } from '../sync/fetchPoolEvents.js'

function key(e: TransactionEvent): string {
  const x = e.extData
  return [
    e.index,
    e.blockNumber,
    e.txHash.toLowerCase(),
    e.commitments.join(','),
    e.nullifiers.join(','),
    x.recipient.toLowerCase(),
    x.extAmount,
    x.relayer.toLowerCase(),
    x.fee,
    x.encryptedOutput1.toLowerCase(),
    x.encryptedOutput2.toLowerCase(),
    x.encryptedHistory.toLowerCase(),
  ].join('|')
}

/** Whether two lists hold the same transactions, field by field, in the same order. */
export function sameEvents(a: readonly TransactionEvent[], b: readonly TransactionEvent[]) {
  return a.length === b.length && a.every((e, i) => key(e) === key(b[i]!))
}
