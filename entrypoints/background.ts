import { type Browser, browser } from 'wxt/browser'
import { defineBackground } from 'wxt/utils/define-background'
import { createBroadcast } from '../background/broadcast.js'
import { alarmNames, deployments } from '../background/config.js'
import { createBackground } from '../background/createBackground.js'
import { WalletDb } from '../background/db.js'
import { WATCH_PORT } from '../background/messages.js'
import { PROVER_PORT } from '../background/proverMessages.js'
import { attachSitePort } from '../background/provider/sitePorts.js'

// The wallet's service worker: wires the background modules to the browser.
// Listeners are registered synchronously so that the event that woke the
// worker reaches them.
export default defineBackground(() => {
  const extensionOrigin = new URL('/', self.location.href).href
  void browser.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })

  const wallet = createBackground({
    db: new WalletDb(),
    session: browser.storage.session,
    alarms: browser.alarms,
    broadcast: createBroadcast((event) => browser.runtime.sendMessage(event)),
    notify: ({ id, title, message }) =>
      void browser.notifications
        .create(id, {
          type: 'basic',
          iconUrl: `${extensionOrigin}icon/128.png`,
          title,
          message,
        })
        .catch(() => {}),
    offscreen: {
      createDocument: (params) =>
        browser.offscreen.createDocument({
          ...params,
          reasons: params.reasons as `${Browser.offscreen.Reason}`[],
        }),
      closeDocument: () => browser.offscreen.closeDocument(),
      hasDocument: async () =>
        (await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length > 0,
    },
    windows: {
      open: async (url) =>
        (
          await browser.windows.create({
            url,
            type: 'popup',
            width: 380,
            height: 620,
            focused: true,
          })
        )?.id,
      close: (id) => browser.windows.remove(id),
      exists: (id) =>
        browser.windows.get(id).then(
          () => true,
          () => false,
        ),
    },
    extensionId: browser.runtime.id,
    extensionOrigin,
    deployments,
  })

  browser.runtime.onMessage.addListener(wallet.router.listener)
  browser.runtime.onConnect.addListener((port) => {
    const url = port.sender?.url ?? ''
    if (port.name === PROVER_PORT && url.startsWith(`${extensionOrigin}offscreen.html`))
      wallet.prover.attach(port)
    else if (port.name === WATCH_PORT && url.startsWith(extensionOrigin))
      port.onDisconnect.addListener(wallet.watchChain())
    else
      attachSitePort(port, {
        extensionId: browser.runtime.id,
        handle: wallet.onSiteMessage,
        addPort: wallet.provider.addPort,
      })
  })
  browser.windows.onRemoved.addListener((id) => void wallet.onWindowRemoved(id))
  browser.alarms.onAlarm.addListener((alarm) => void wallet.onAlarm(alarm.name))
  void browser.alarms.get(alarmNames.sync).then((alarm) => {
    if (!alarm) return browser.alarms.create(alarmNames.sync, { periodInMinutes: 1 })
  })
  void wallet.start()
})
