import type { AlarmScheduler, SessionStorage } from '../../background/keystore.js'
import type { BackgroundEvent } from '../../background/messages.js'

/** `storage.session` in memory; `clear` is the browser restarting. */
export function fakeSession(): SessionStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>()
  return {
    data,
    async get(key) {
      return data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v))
    },
    async remove(key) {
      data.delete(key)
    },
  }
}

/** `alarms` that only remember what was asked. */
export function fakeAlarms(): AlarmScheduler & { scheduled: Map<string, number> } {
  const scheduled = new Map<string, number>()
  return {
    scheduled,
    create: (name, { when }) => void scheduled.set(name, when),
    clear: (name) => scheduled.delete(name),
  }
}

/** `windows` for approvals: remembers what is open; `userCloses` is the user closing one. */
export function fakeWindows() {
  const open = new Map<number, string>()
  let next = 0
  let onRemoved: ((id: number) => void) | undefined
  return {
    open: async (url: string) => {
      open.set(++next, url)
      return next
    },
    close: async (id: number) => void open.delete(id),
    exists: async (id: number) => open.has(id),
    /** The URLs of the windows open now. */
    urls: () => [...open.values()],
    /** What the entrypoint does with `windows.onRemoved`. */
    setOnRemoved(listener: (id: number) => void) {
      onRemoved = listener
    },
    userCloses(id: number) {
      open.delete(id)
      onRemoved?.(id)
    },
    ids: () => [...open.keys()],
  }
}

/** Collects broadcast events. */
export function fakeBroadcast() {
  const events: BackgroundEvent[] = []
  const broadcast = (event: BackgroundEvent) => void events.push(event)
  return { events, broadcast }
}

/** A unique database name per test, so tests never share a store. */
let dbCount = 0
export const dbName = () => `zkpay-test-${process.pid}-${++dbCount}`
