import type { Broadcast } from './broadcast.js'
import type { ActivityRow, WalletDb } from './db.js'
import type { Activity } from './messages.js'

/** The `Activity` fields of a row, as the popup gets them (with how many notes it spent). */
export function toActivity(row: ActivityRow): Activity {
  const { pool: _pool, outputCommitments: _out, nullifiers, errorCode: _code, ...activity } = row
  return nullifiers && nullifiers.length > 0 ? { ...activity, inputs: nullifiers.length } : activity
}

/** Activity history: every change is saved and broadcast as `activity.updated`. */
export function createActivityStore(db: WalletDb, broadcast: Broadcast, now = Date.now) {
  return {
    async add(row: ActivityRow): Promise<void> {
      await db.activity.put(row)
      broadcast({ event: 'activity.updated', data: toActivity(row) })
    },
    /**
     * Applies `patch` (an `undefined` field is removed); returns the row, if
     * any. The first move to `settled` records when (`settledAt`).
     */
    async update(id: string, patch: Partial<ActivityRow>): Promise<ActivityRow | undefined> {
      const row = await db.transaction('rw', db.activity, async () => {
        const current = await db.activity.get(id)
        if (!current) return undefined
        const at = now()
        const next: ActivityRow = { ...current, ...patch, updatedAt: at }
        if (patch.status === 'settled' && current.status !== 'settled' && !next.settledAt)
          next.settledAt = at
        for (const [key, value] of Object.entries(patch))
          if (value === undefined) delete next[key as keyof ActivityRow]
        await db.activity.put(next)
        return next
      })
      if (row) broadcast({ event: 'activity.updated', data: toActivity(row) })
      return row
    },
    get: (id: string) => db.activity.get(id),
    /** Deletes a row (a payment rejected before it began); pages hear `activity.removed`. */
    async remove(id: string): Promise<void> {
      await db.activity.delete(id)
      broadcast({ event: 'activity.removed', data: { id } })
    },
    /** Newest first. */
    async list(): Promise<Activity[]> {
      const rows = await db.activity.orderBy('createdAt').reverse().toArray()
      return rows.map(toActivity)
    },
  }
}

export type ActivityStore = ReturnType<typeof createActivityStore>
