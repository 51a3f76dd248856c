import type { ActivityStore } from './activityStore.js'
import type { Broadcast } from './broadcast.js'
import type { Keystore } from './keystore.js'
import type { WalletState } from './messages.js'
import type { Payments } from './payments.js'
import type { ProviderService } from './provider/providerService.js'
import type { Handlers } from './router.js'
import type { SettingsStore } from './settingsStore.js'
import type { SyncService } from './sync.js'

export type CreateHandlersParameters = {
  keystore: Keystore
  sync: SyncService
  payments: Payments
  activities: ActivityStore
  settings: SettingsStore
  walletState: () => Promise<WalletState>
  broadcast: Broadcast
  provider: ProviderService
}

/** Each popup request's handler: data arrives checked by the router's schemas. */
export function createHandlers(params: CreateHandlersParameters): Handlers {
  const { keystore, sync, payments, activities, settings, broadcast, provider } = params
  return {
    'wallet.state': () => params.walletState(),
    'wallet.create': ({ password }) => keystore.create(password),
    'wallet.import': ({ mnemonic, password, replace }) =>
      keystore.import(mnemonic, password, { replace: replace === true }),
    'wallet.watch': ({ viewingKey, password }) => keystore.watch(viewingKey, password),
    'wallet.unlock': ({ password }) => keystore.unlock(password),
    'wallet.lock': async () => {
      await keystore.lock()
      return null
    },
    'wallet.revealPhrase': ({ password }) => keystore.revealPhrase(password),
    'wallet.exportViewingKey': ({ password }) => keystore.exportViewingKey(password),
    'sync.rescan': () => {
      keystore.viewKeys() // locked: a WalletLockedError
      return sync.rescan()
    },
    'sync.now': () => {
      keystore.viewKeys() // locked: a WalletLockedError
      return sync.run()
    },
    'tx.shield': (data) => payments.start({ kind: 'shield', ...data }),
    'tx.send': (data) => payments.start({ kind: 'send', ...data }),
    'tx.unshield': (data) => payments.start({ kind: 'unshield', ...data }),
    'tx.merge': (data) => payments.start({ kind: 'merge', ...data }),
    'tx.cancel': ({ activityId }) => payments.cancel(activityId),
    'tx.quoteFee': ({ pool, amount }) => payments.quoteFee(pool, amount),
    'activity.list': () => activities.list(),
    'settings.update': async (patch) => {
      const next = await settings.update(patch)
      if (patch.autoLockMinutes !== undefined) await keystore.rescheduleAutoLock()
      if (patch.rpcUrl !== undefined) void sync.run()
      broadcast({ event: 'state.changed' })
      return next
    },
    'approval.get': ({ id }) => provider.approvalView(id),
    'approval.decide': async ({ id, approve }) => {
      await provider.decide(id, approve)
      return null
    },
    'sites.list': () => provider.listSites(),
    'sites.disconnect': async ({ origin }) => {
      await provider.disconnectSite(origin)
      return null
    },
    'sites.revokeAllowance': async ({ origin, token }) => {
      await provider.revokeAllowance(origin, token)
      return null
    },
  }
}
