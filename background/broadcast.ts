import type { BackgroundEvent } from './messages.js'

/** Sends an event to every open extension page (`runtime.sendMessage`). */
export type Broadcast = (event: BackgroundEvent) => void

/**
 * A `Broadcast` over `send`: fire and forget. With no page open Chrome
 * rejects ("Receiving end does not exist"); that is normal and ignored.
 */
export function createBroadcast(send: (message: BackgroundEvent) => Promise<unknown>): Broadcast {
  return (event) => {
    try {
      send(event)?.catch(() => {})
    } catch {
      // no listener, or the context is going away
    }
  }
}
