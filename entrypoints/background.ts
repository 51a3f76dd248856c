import { defineBackground } from 'wxt/utils/define-background'

// The wallet's service worker. It only wires modules from lib/; the keystore,
// note store, sync and payments join it with the extension issue.
export default defineBackground(() => {
  console.info('zkpay background started')
})
