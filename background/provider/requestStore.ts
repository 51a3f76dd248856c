import type { ProviderErrorJson } from '../../lib/provider/providerErrors.js'
import type { SiteRequestRow, WalletDb } from '../db.js'

export type RequestOutcome = { result: unknown } | { error: ProviderErrorJson }

/** Answered requests are kept this long, for a content script that comes back for its answer. */
const KEEP_ANSWERED_MS = 10 * 60_000

const isFinal = (row: SiteRequestRow) => row.status === 'done' || row.status === 'failed'

/**
 * Site requests in the database, from arrival to answer, and the callbacks
 * waiting for each answer. `finish` writes the answer first and then calls
 * them, so an answer is never given that a restart could forget.
 */
export function createRequestStore(db: WalletDb, now: () => number = Date.now) {
  const waiting = new Map<string, Set<(outcome: RequestOutcome) => void>>()

  function outcomeOf(row: SiteRequestRow): RequestOutcome {
    return row.status === 'failed' && row.error ? { error: row.error } : { result: row.result }
  }

  return {
    isFinal,
    get: (id: string) => db.siteRequests.get(id),
    async add(row: Omit<SiteRequestRow, 'createdAt' | 'updatedAt'>): Promise<SiteRequestRow> {
      const full = { ...row, createdAt: now(), updatedAt: now() }
      await db.siteRequests.add(full)
      return full
    },
    async update(id: string, patch: Partial<SiteRequestRow>): Promise<SiteRequestRow | undefined> {
      return db.transaction('rw', db.siteRequests, async () => {
        const row = await db.siteRequests.get(id)
        if (!row || isFinal(row)) return undefined
        const next = { ...row, ...patch, updatedAt: now() }
        await db.siteRequests.put(next)
        return next
      })
    },
    /** Answers the request once (a second answer is ignored) and tells whoever waits. */
    async finish(id: string, outcome: RequestOutcome): Promise<boolean> {
      const answered = await db.transaction('rw', db.siteRequests, async () => {
        const row = await db.siteRequests.get(id)
        if (!row || isFinal(row)) return false
        const patch =
          'error' in outcome
            ? { status: 'failed' as const, error: outcome.error }
            : { status: 'done' as const, result: outcome.result }
        await db.siteRequests.put({ ...row, ...patch, updatedAt: now() })
        return true
      })
      if (!answered) return false
      const callbacks = waiting.get(id)
      waiting.delete(id)
      for (const callback of callbacks ?? []) callback(outcome)
      return true
    },
    /**
     * Calls `callback` with the answer: at once if it is stored, else when it
     * comes. Returns a function that stops waiting.
     */
    async onAnswer(id: string, callback: (outcome: RequestOutcome) => void): Promise<() => void> {
      const set = waiting.get(id) ?? new Set()
      waiting.set(id, set)
      set.add(callback)
      const stop = () => void waiting.get(id)?.delete(callback)
      const row = await db.siteRequests.get(id)
      if (row && isFinal(row) && set.has(callback)) {
        stop()
        callback(outcomeOf(row))
      }
      return stop
    },
    /** Requests not answered yet, oldest first. */
    async open(): Promise<SiteRequestRow[]> {
      const rows = await db.siteRequests.orderBy('createdAt').toArray()
      return rows.filter((row) => !isFinal(row))
    },
    /** Forgets answers older than a while (nobody will come back for them). */
    async prune(): Promise<void> {
      const before = now() - KEEP_ANSWERED_MS
      const old = await db.siteRequests.where('createdAt').below(before).toArray()
      await db.siteRequests.bulkDelete(old.filter(isFinal).map((row) => row.id))
    },
  }
}

export type RequestStore = ReturnType<typeof createRequestStore>
