import type { Hex } from 'viem'
import type { ActivityStore } from './activityStore.js'
import type { ActivityRow, WalletDb } from './db.js'

/** A note of ours the chain shows spent, as sync reports it. */
export type SpentNote = { nullifier: bigint | string; spentTxHash?: Hex }

/**
 * Payments we gave up on (a restart, a relay that timed out) that the chain
 * shows went through after all: a failed activity whose notes are spent
 * becomes settled. Only when the spend is not another activity's: after a
 * failure the same notes are often spent again by a retry (or by the new
 * worker's proof of the same site request), and then the retry owns the
 * transaction; settling the failed one too would show one payment twice.
 * Among several failed attempts on the same notes, the one whose known
 * transaction is the spend wins, else the latest.
 */
export async function settleLateSpends(
  db: WalletDb,
  activities: ActivityStore,
  spent: readonly SpentNote[],
): Promise<void> {
  const byTx = new Map<Hex, Set<string>>()
  for (const note of spent) {
    if (!note.spentTxHash) continue
    const set = byTx.get(note.spentTxHash) ?? new Set<string>()
    set.add(note.nullifier.toString())
    byTx.set(note.spentTxHash, set)
  }
  for (const [txHash, nullifiers] of byTx) {
    const rows = new Map<string, ActivityRow>()
    for (const nullifier of nullifiers)
      for (const row of await db.activity.where('nullifiers').equals(nullifier).toArray())
        rows.set(row.id, row)
    const candidates = [...rows.values()]
    // Settled or still under way: the spend is that payment's.
    if (candidates.some((row) => row.status !== 'failed')) continue
    const winner =
      candidates.find((row) => row.txHash === txHash) ??
      candidates.sort((a, b) => b.createdAt - a.createdAt)[0]
    if (winner) await activities.update(winner.id, { status: 'settled', txHash, error: undefined })
  }
}
