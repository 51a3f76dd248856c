import type { SiteRequestRow } from '../db.js'
import { UserRejectedError } from '../executePayment.js'
import type { RequestStore } from './requestStore.js'

/** `browser.windows`, as far as approvals use it. */
export type WindowsApi = {
  /** Opens the approval page in a popup window; its id. */
  open(url: string): Promise<number | undefined>
  close(id: number): Promise<void>
  exists(id: number): Promise<boolean>
}

export type CreateApprovalQueueParameters = {
  requests: RequestStore
  windows: WindowsApi
  /** The approval page for a request. */
  url: (requestId: string) => string
  /** A request's window is open (again, after a restart): time to start its proof. */
  onShown: (requestId: string) => void
  /** The queue changed (pages showing it refresh). */
  onChange?: () => void
}

type Deferred = {
  promise: Promise<void>
  decided: boolean
  resolve(): void
  reject(error: Error): void
}

function deferred(): Deferred {
  const d = { decided: false } as Deferred
  d.promise = new Promise<void>((resolve, reject) => {
    d.resolve = resolve
    d.reject = reject
  })
  d.promise.catch(() => {}) // a rejection nobody awaits yet is not an error
  return d
}

/**
 * Requests waiting for the user, shown one at a time in an approval window
 * and in arrival order. Each has a decision promise: it resolves on
 * approve, and rejects with a {@link UserRejectedError} on reject or when its
 * window is closed. The next request's window opens when one is decided.
 */
export function createApprovalQueue(params: CreateApprovalQueueParameters) {
  const { requests, windows } = params
  const queue: string[] = []
  const decisions = new Map<string, Deferred>()
  let current: { id: string; windowId?: number } | undefined
  let pumping: Promise<void> | undefined

  function decisionOf(id: string): Deferred {
    const d = decisions.get(id) ?? deferred()
    decisions.set(id, d)
    return d
  }

  async function show(id: string) {
    const windowId = await windows.open(params.url(id)).catch(() => undefined)
    current = { id, ...(windowId !== undefined ? { windowId } : {}) }
    await requests.update(id, {
      status: 'approving',
      ...(windowId !== undefined ? { windowId } : {}),
    })
    params.onChange?.()
    params.onShown(id)
  }

  function pump(): Promise<void> {
    pumping ??= (async () => {
      while (!current && queue.length > 0) await show(queue.shift()!)
    })().finally(() => {
      pumping = undefined
    })
    return pumping
  }

  return {
    /** Adds a request (its row is `queued`); its decision promise. */
    enqueue(row: Pick<SiteRequestRow, 'id'>): Promise<void> {
      // A request can come back (a tip whose fee turned out too high): it gets a new decision.
      if (decisions.get(row.id)?.decided) decisions.delete(row.id)
      const d = decisionOf(row.id)
      queue.push(row.id)
      params.onChange?.()
      void pump()
      return d.promise
    },
    /** The decision promise of a queued request. */
    decision: (id: string) => decisionOf(id).promise,
    /** Whether `id` is waiting for a decision here. */
    has: (id: string) => current?.id === id || queue.includes(id),
    /** The request whose window is open. */
    current: () => current?.id,
    /** How many wait behind the open one. */
    waiting: () => queue.length,
    /**
     * Approves or rejects `id` (an error instead of a plain rejection, when
     * the request could not go ahead). Closes its window (unless approved
     * with `keepWindow`: a payment's window then follows it to its end, and
     * closing it no longer rejects anything) and shows the next.
     */
    async decide(
      id: string,
      outcome: true | false | Error,
      options: { keepWindow?: boolean } = {},
    ): Promise<void> {
      // The settled decision stays: whoever asks for it later gets the same answer.
      const d = decisions.get(id)
      if (!d || d.decided) return
      d.decided = true
      if (outcome === true) d.resolve()
      else d.reject(outcome === false ? new UserRejectedError() : outcome)
      const index = queue.indexOf(id)
      if (index >= 0) queue.splice(index, 1)
      if (current?.id === id) {
        const { windowId } = current
        current = undefined
        const keep = outcome === true && options.keepWindow
        if (windowId !== undefined && !keep) await windows.close(windowId).catch(() => {})
      }
      params.onChange?.()
      await pump()
    },
    /** A window was closed: its request is rejected. */
    async onWindowRemoved(windowId: number): Promise<void> {
      if (current?.windowId === windowId) await this.decide(current.id, false)
    },
    /**
     * After a restart, the requests a previous worker had queued, oldest first:
     * one whose window is still open keeps it, one whose window is gone is rejected.
     */
    async restore(rows: Pick<SiteRequestRow, 'id' | 'status' | 'windowId'>[]): Promise<void> {
      const closed: string[] = []
      for (const row of rows) {
        decisionOf(row.id)
        if (row.status !== 'approving') {
          queue.push(row.id)
          continue
        }
        const alive =
          row.windowId !== undefined && (await windows.exists(row.windowId).catch(() => false))
        if (alive && !current) {
          current = { id: row.id, windowId: row.windowId! }
          params.onShown(row.id)
        } else closed.push(row.id)
      }
      for (const id of closed) await this.decide(id, false)
      await pump()
    },
  }
}

export type ApprovalQueue = ReturnType<typeof createApprovalQueue>
