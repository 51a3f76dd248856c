import { defineContentScript } from 'wxt/utils/define-content-script'
import { announceProvider } from '../lib/provider/announceProvider.js'
import { createProvider } from '../lib/provider/createProvider.js'
import { type PageReply, TO_PAGE } from '../lib/provider/wire.js'

// The page's side of zkpay, in the page's own world before its scripts run:
// `window.zkpay` and the discovery event. It talks only to the content
// script (entrypoints/content.ts), by window messages to this same window.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    const provider = createProvider({
      post: (message) => window.postMessage(message, window.location.origin),
      listen: (handler) =>
        window.addEventListener('message', (event: MessageEvent) => {
          const data = event.data as Partial<PageReply> | null
          if (event.source === window && data?.target === TO_PAGE) handler(data as PageReply)
        }),
    })
    Object.defineProperty(window, 'zkpay', { value: provider, enumerable: true })
    announceProvider(window, provider)
  },
})
