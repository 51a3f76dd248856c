import type { Hex } from 'viem'
import type { ActivityStore } from './activityStore.js'
import type { WalletDb } from './db.js'
import { releaseNotes, spendNotes } from './paymentNotes.js'

/** A payment is in a block: its notes are spent, its work done, its activity settled. */
export async function settlePayment(
  db: WalletDb,
  activities: ActivityStore,
  activityId: string,
  txHash?: Hex,
): Promise<void> {
  await spendNotes(db, activityId, txHash)
  await db.pendingWork.delete(activityId)
  await activities.update(activityId, { status: 'settled', ...(txHash ? { txHash } : {}) })
}

/** A payment failed: its notes go back to unspent and its activity says why. */
export async function failPayment(
  db: WalletDb,
  activities: ActivityStore,
  activityId: string,
  error: string,
  errorCode?: string,
): Promise<void> {
  await releaseNotes(db, activityId)
  await db.pendingWork.delete(activityId)
  await activities.update(activityId, {
    status: 'failed',
    error,
    ...(errorCode ? { errorCode } : {}),
  })
}

/** A payment the user rejected before anything was sent: gone without a trace in the history. */
export async function discardPayment(
  db: WalletDb,
  activities: ActivityStore,
  activityId: string,
): Promise<void> {
  await releaseNotes(db, activityId)
  await db.pendingWork.delete(activityId)
  await activities.remove(activityId)
}
