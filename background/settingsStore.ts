import { defaultSettings } from './config.js'
import type { WalletDb } from './db.js'
import type { PopupRequests, Settings } from './messages.js'

const KEY = 'settings'

/** A stored row, or an update, in the older form with one `relayerUrl`: as a list. */
function withRelayerList<T extends { relayerUrl?: string; relayerUrls?: string[] }>(
  value: T,
): Omit<T, 'relayerUrl'> {
  const { relayerUrl, ...rest } = value
  return relayerUrl !== undefined && rest.relayerUrls === undefined
    ? { ...rest, relayerUrls: [relayerUrl] }
    : rest
}

/** The user's settings over the defaults, in the `settings` store (one row). */
export function createSettingsStore(db: WalletDb, defaults: Readonly<Settings> = defaultSettings) {
  let cached: Settings | undefined
  async function get(): Promise<Settings> {
    if (cached) return { ...cached }
    const row = await db.settings.get(KEY)
    const stored = withRelayerList(
      (row?.value ?? {}) as Partial<Settings> & { relayerUrl?: string },
    )
    cached = { ...defaults, ...stored }
    return { ...cached }
  }
  return {
    get,
    /** Applies `patch` (already validated) and returns the new settings. */
    async update(patch: PopupRequests['settings.update']['data']): Promise<Settings> {
      const next = { ...(await get()), ...withRelayerList(patch) }
      await db.settings.put({ key: KEY, value: next })
      cached = next
      return { ...next }
    },
  }
}

export type SettingsStore = ReturnType<typeof createSettingsStore>
