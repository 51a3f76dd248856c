import type { Hex, PublicClient } from 'viem'
import type { ActivityStore } from './activityStore.js'
import type { Broadcast } from './broadcast.js'
import type { PendingWorkRow, WalletDb } from './db.js'
import { errorMessage } from './errors.js'
import { nullifiersSpent } from './nullifiersSpent.js'
import { failPayment, settlePayment } from './paymentOutcome.js'

export type ResumePaymentsParameters = {
  db: WalletDb
  publicClient: () => Promise<PublicClient>
  activities: ActivityStore
  broadcast: Broadcast
  /** Payments this worker runs itself: left alone. */
  isActive: (activityId: string) => boolean
  /** How long to wait for a known transaction. */
  receiptTimeoutMs?: number
  /** A relay was in flight: how long to give it to land before looking. */
  relayGraceMs?: number
  sleep?: (ms: number) => Promise<void>
}

type Outcome = { settled: true; txHash?: Hex } | { settled: false; error: string }

const interrupted =
  'The wallet restarted before this payment was sent; nothing was spent. Try again.'

async function outcomeOf(params: ResumePaymentsParameters, work: PendingWorkRow): Promise<Outcome> {
  const publicClient = await params.publicClient()
  if (work.txHash) {
    try {
      const receipt = await publicClient.waitForTransactionReceipt({
        hash: work.txHash,
        timeout: params.receiptTimeoutMs ?? 60_000,
      })
      return receipt.status === 'success'
        ? { settled: true, txHash: work.txHash }
        : { settled: false, error: 'The pool transaction reverted.' }
    } catch {
      // not found in time: the nullifiers tell
    }
  }
  if (work.nullifiers.length === 0) return { settled: false, error: interrupted }
  if (work.stage === 'submitting' && work.via === 'relayer') {
    const sleep = params.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
    await sleep(params.relayGraceMs ?? 10_000)
  }
  if (await nullifiersSpent(publicClient, work.pool, work.nullifiers))
    return { settled: true, ...(work.txHash ? { txHash: work.txHash } : {}) }
  return { settled: false, error: work.txHash ? 'The transaction never landed.' : interrupted }
}

/**
 * After a service-worker restart, ends the payments a previous worker left
 * in pendingWork: one whose transaction hash is known waits for its receipt;
 * one whose input nullifiers are all spent on chain went through; any other
 * fails cleanly, its notes back to unspent. Should a relay land after all,
 * the next sync sees its nullifiers and settles the activity.
 */
export async function resumePayments(params: ResumePaymentsParameters): Promise<void> {
  const { db, activities } = params
  const rows = await db.pendingWork.toArray()
  await Promise.all(
    rows
      .filter((work) => !params.isActive(work.activityId))
      .map(async (work) => {
        let outcome: Outcome
        try {
          outcome = await outcomeOf(params, work)
        } catch (error) {
          outcome = { settled: false, error: errorMessage(error) }
        }
        if (outcome.settled) await settlePayment(db, activities, work.activityId, outcome.txHash)
        else await failPayment(db, activities, work.activityId, outcome.error)
      }),
  )
  if (rows.length > 0) params.broadcast({ event: 'state.changed' })
}
