import { browser } from 'wxt/browser'
import { defineContentScript } from 'wxt/utils/define-content-script'
import { createBridge } from '../lib/provider/createBridge.js'
import { PROVIDER_PORT } from '../lib/provider/wire.js'

// Relays the page's provider requests to the background and the answers
// back (lib/provider/createBridge.ts). It reads nothing of them.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  main() {
    const bridge = createBridge({
      connect: () => browser.runtime.connect({ name: PROVIDER_PORT }),
      toPage: (message) => window.postMessage(message, window.location.origin),
    })
    window.addEventListener('message', (event: MessageEvent) => {
      if (event.source === window) bridge.fromPage(event.data)
    })
  },
})
