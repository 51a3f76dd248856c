import type { ScryptParameters } from '../lib/keystore/keystore.js'
import type { Prover } from '../lib/prover/types.js'
import { createRelaySubmitter, type RelaySubmitter } from '../lib/relayer/createRelaySubmitter.js'
import { createActivityStore } from './activityStore.js'
import { createBlockWatcher } from './blockWatcher.js'
import type { Broadcast } from './broadcast.js'
import { type ChainClients, createClientCache } from './chainClients.js'
import { alarmNames, type PoolDeployment } from './config.js'
import type { WalletDb } from './db.js'
import { createHandlers } from './handlers.js'
import { type AlarmScheduler, createKeystore, type SessionStorage } from './keystore.js'
import type { PopupRequestType } from './messages.js'
import { createOffscreenProver, type OffscreenApi } from './offscreenClient.js'
import { createPayments } from './payments.js'
import type { WindowsApi } from './provider/approvalQueue.js'
import { createProviderService, type ProviderService } from './provider/providerService.js'
import { resumePayments } from './resumePayments.js'
import { createRouter } from './router.js'
import { createSettingsStore } from './settingsStore.js'
import { createSyncService, type Notify } from './sync.js'
import { getWalletState } from './walletState.js'

/** What the background needs from the browser, as plain functions (fakes in tests). */
export type Platform = {
  db: WalletDb
  session: SessionStorage
  alarms: AlarmScheduler
  notify: Notify
  broadcast: Broadcast
  offscreen: OffscreenApi
  /** Popup windows for site approvals. */
  windows: WindowsApi
  extensionId: string
  extensionOrigin: string
  deployments: readonly PoolDeployment[]
}

/** Replacements for tests: a Node prover instead of the offscreen one, chain clients, a cheaper scrypt. */
export type BackgroundOverrides = {
  prover?: Prover
  clients?: () => Promise<ChainClients>
  scrypt?: Partial<ScryptParameters>
}

/** Requests that only read: they do not count as the user being active. */
const passive = new Set<PopupRequestType>(['wallet.state', 'activity.list'])

/**
 * The wallet's service worker, assembled: keystore, sync, payments, the
 * offscreen prover and the message router over one database. The entrypoint
 * registers the returned listeners at the top level and calls `start`.
 */
export function createBackground(platform: Platform, overrides: BackgroundOverrides = {}) {
  const { db, deployments } = platform
  // Every event also reaches the provider, which follows site payments by them.
  let listening: ProviderService | undefined
  const broadcast: Broadcast = (event) => {
    platform.broadcast(event)
    listening?.onEvent(event)
  }
  const settings = createSettingsStore(db)
  const clientCache = createClientCache()
  const chainId = deployments[0]?.chainId ?? 31337
  const clients =
    overrides.clients ??
    (async () => {
      const { rpcUrl, backupRpcUrls = [] } = await settings.get()
      return clientCache([rpcUrl, ...backupRpcUrls], chainId)
    })
  const relays = new Map<string, RelaySubmitter>()
  const relay = (url: string) => {
    const submitter = relays.get(url) ?? createRelaySubmitter(url)
    relays.set(url, submitter)
    return submitter
  }
  const activities = createActivityStore(db, broadcast)
  const offscreenProver = createOffscreenProver({ offscreen: platform.offscreen })
  const prover = overrides.prover ?? offscreenProver

  const keystore = createKeystore({
    db,
    session: platform.session,
    alarms: platform.alarms,
    settings,
    ...(overrides.scrypt ? { scrypt: overrides.scrypt } : {}),
    // A new wallet's birthday; an RPC that does not answer in 3 s leaves it unknown.
    headBlock: async () => {
      const { publicClient } = await clients()
      return Promise.race([
        publicClient.getBlockNumber({ cacheTime: 0 }),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3_000)),
      ])
    },
    onChange: (unlocked) => {
      if (unlocked) {
        void sync.run()
        listening?.onUnlocked()
      } else sync.forget()
      broadcast({ event: 'state.changed' })
    },
  })
  const sync = createSyncService({
    db,
    keystore,
    deployments,
    clients,
    activities,
    broadcast,
    notify: platform.notify,
  })
  const payments = createPayments({
    db,
    keystore,
    sync,
    prover,
    activities,
    broadcast,
    settings,
    deployments,
    clients,
    relay,
  })
  const watcher = createBlockWatcher({
    head: async () => (await clients()).publicClient.getBlockNumber({ cacheTime: 0 }),
    onBlock: () => (keystore.isUnlocked() ? sync.run() : undefined),
  })
  const provider = createProviderService({
    db,
    keystore,
    payments,
    activities,
    deployments,
    clients,
    windows: platform.windows,
    broadcast,
    watch: () => watcher.hold(),
    settings,
  })
  listening = provider
  const walletState = () => getWalletState({ db, keystore, settings, sync, deployments, clients })
  const handlers = createHandlers({
    keystore,
    sync,
    payments,
    activities,
    settings,
    walletState,
    broadcast,
    provider,
  })

  // Restore the session's unlock and end what a previous worker left, once.
  let started: Promise<void> | undefined
  const start = () => {
    started ??= (async () => {
      await keystore.restore().catch(() => false)
      // Site requests first: they take over the payments they will finish themselves.
      await provider
        .restore()
        .catch((error) => console.error('zkpay: restoring site requests failed', error))
      void resumePayments({
        db,
        publicClient: async () => (await clients()).publicClient,
        activities,
        broadcast,
        isActive: payments.isActive,
      }).catch((error) => console.error('zkpay: resuming payments failed', error))
    })()
    return started
  }

  const router = createRouter({
    handlers,
    extensionId: platform.extensionId,
    extensionOrigin: platform.extensionOrigin,
    beforeEach: async (type) => {
      await start()
      if (!passive.has(type)) await keystore.touch()
    },
  })

  return {
    start,
    router,
    /** Give it the port the offscreen page opens. */
    prover: offscreenProver,
    keystore,
    sync,
    payments,
    provider,
    /** For `runtime.onConnect` from a content script: `origin` as the browser reported it. */
    async onSiteMessage(
      origin: string,
      message: Parameters<typeof provider.handle>[1],
      reply: Parameters<typeof provider.handle>[2],
    ): Promise<void> {
      await start()
      await provider.handle(origin, message, reply)
    },
    /**
     * An extension page that shows balances is open (its port, for as long as
     * it lasts): new blocks are synced as they come.
     */
    watchChain(): () => void {
      void start()
      return watcher.hold()
    },
    async onWindowRemoved(windowId: number): Promise<void> {
      await start()
      await provider.onWindowRemoved(windowId)
    },
    /** For `alarms.onAlarm`. */
    async onAlarm(name: string): Promise<void> {
      await start()
      if (name === alarmNames.autoLock) await keystore.onAutoLockAlarm()
      if (name === alarmNames.sync) await sync.run()
    },
  }
}
