import type { Table } from 'dexie'
import type { ProviderErrorJson } from '../../lib/provider/providerErrors.js'
import type { SiteAllowanceParams, SiteRequestRow, WalletDb } from '../db.js'
import type { PaymentParams } from './schemas.js'

export type RequestOutcome = { result: unknown } | { error: ProviderErrorJson }

/** A stored site request: the database row with the provider's own fields beside it. */
export type SiteRequest = Omit<SiteRequestRow, 'params'> & {
  params?: PaymentParams | SiteAllowanceParams
  /** What a tip inside the allowance counted against it: amount + fee, base units. */
  reserved?: string
  /** Why a tip that was to go without a window asks after all. */
  asked?: 'allowance' | 'fee'
  /** An approved payment keeps its window (progress and Cancel) until it is answered. */
  windowKept?: boolean
}

/** Answered requests are kept this long, for a content script that comes back for its answer. */
const KEEP_ANSWERED_MS = 10 * 60_000
/** A payment with an idempotency key is remembered this long: a retry within it pays nothing. */
const KEEP_KEYED_MS = 24 * 60 * 60_000

const keyOf = (row: SiteRequest) =>
  row.params && 'idempotencyKey' in row.params ? row.params.idempotencyKey : undefined

const isFinal = (row: SiteRequest) => row.status === 'done' || row.status === 'failed'

/**
 * Site requests in the database, from arrival to answer, and the callbacks
 * waiting for each answer. `finish` writes the answer first and then calls
 * them, so an answer is never given that a restart could forget.
 */
export function createRequestStore(
  db: WalletDb,
  now: () => number = Date.now,
  /** Closes a window kept open after approval; `finish` awaits it before it answers. */
  closeWindow: (windowId: number) => Promise<void> = async () => {},
) {
  const table = db.siteRequests as unknown as Table<SiteRequest, string>
  const waiting = new Map<string, Set<(outcome: RequestOutcome) => void>>()

  function outcomeOf(row: SiteRequest): RequestOutcome {
    return row.status === 'failed' && row.error ? { error: row.error } : { result: row.result }
  }

  return {
    isFinal,
    get: (id: string) => table.get(id),
    /**
     * Stores a new request, unless `clash` picks an earlier one of the same
     * origin (checked in the same transaction, so two at once cannot both
     * pass): then nothing is stored and that one is returned as `earlier`.
     */
    async add(
      row: Omit<SiteRequest, 'createdAt' | 'updatedAt'>,
      clash?: (earlier: SiteRequest) => boolean,
    ): Promise<{ row: SiteRequest; earlier?: SiteRequest }> {
      return db.transaction('rw', db.siteRequests, async () => {
        if (clash) {
          const earlier = (await table.where('origin').equals(row.origin).toArray()).find(clash)
          if (earlier) return { row: earlier, earlier }
        }
        const full = { ...row, createdAt: now(), updatedAt: now() }
        await table.add(full)
        return { row: full }
      })
    },
    /** Every request of `origin`, answered or not. */
    ofOrigin: (origin: string) => table.where('origin').equals(origin).toArray(),
    /** Whether `row` is the payment of `origin` with idempotency key `key`. */
    keyed: (row: SiteRequest, origin: string, key: string) =>
      row.origin === origin && keyOf(row) === key,
    async update(id: string, patch: Partial<SiteRequest>): Promise<SiteRequest | undefined> {
      return db.transaction('rw', db.siteRequests, async () => {
        const row = await table.get(id)
        if (!row || isFinal(row)) return undefined
        const next = { ...row, ...patch, updatedAt: now() }
        await table.put(next)
        return next
      })
    },
    /** Answers the request once (a second answer is ignored) and tells whoever waits. */
    async finish(id: string, outcome: RequestOutcome): Promise<boolean> {
      const answered = await db.transaction('rw', db.siteRequests, async () => {
        const row = await table.get(id)
        if (!row || isFinal(row)) return undefined
        const patch =
          'error' in outcome
            ? { status: 'failed' as const, error: outcome.error }
            : { status: 'done' as const, result: outcome.result }
        await table.put({ ...row, ...patch, updatedAt: now() })
        return row
      })
      if (!answered) return false
      // The site hears the answer once the window that followed the payment is gone.
      if (answered.windowKept && answered.windowId !== undefined)
        await closeWindow(answered.windowId).catch(() => {})
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
      const row = await table.get(id)
      if (row && isFinal(row) && set.has(callback)) {
        stop()
        callback(outcomeOf(row))
      }
      return stop
    },
    /** Requests not answered yet, oldest first. */
    async open(): Promise<SiteRequest[]> {
      const rows = await table.orderBy('createdAt').toArray()
      return rows.filter((row) => !isFinal(row))
    },
    /** Forgets answers older than a while (nobody will come back for them). */
    async prune(): Promise<void> {
      const old = await table
        .where('createdAt')
        .below(now() - KEEP_ANSWERED_MS)
        .toArray()
      const gone = old.filter(
        (row) => isFinal(row) && (!keyOf(row) || row.updatedAt < now() - KEEP_KEYED_MS),
      )
      await table.bulkDelete(gone.map((row) => row.id))
    },
  }
}

export type RequestStore = ReturnType<typeof createRequestStore>
