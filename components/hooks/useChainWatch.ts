import { useEffect } from 'react'
import { browser } from 'wxt/browser'
import { WATCH_PORT } from '../../background/messages.js'

/** Chrome stops an idle worker after 30 s; a message on the port counts as activity. */
const PING_MS = 20_000

/**
 * While the page is open, the background syncs every new block, so a
 * payment received shows within a block. Reconnects if the worker restarts.
 */
export function useChainWatch(): void {
  useEffect(() => {
    let port: ReturnType<typeof browser.runtime.connect> | undefined
    let closed = false
    const connect = () => {
      if (closed) return
      port = browser.runtime.connect({ name: WATCH_PORT })
      port.onDisconnect.addListener(() => {
        port = undefined
        setTimeout(connect, 500)
      })
    }
    connect()
    const ping = setInterval(() => port?.postMessage('ping'), PING_MS)
    return () => {
      closed = true
      clearInterval(ping)
      port?.disconnect()
    }
  }, [])
}
