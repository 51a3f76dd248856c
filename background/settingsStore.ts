import { defaultSettings } from './config.js'
import type { WalletDb } from './db.js'
import type { Settings } from './messages.js'

const KEY = 'settings'

/** The user's settings over the defaults, in the `settings` store (one row). */
export function createSettingsStore(db: WalletDb, defaults: Readonly<Settings> = defaultSettings) {
  let cached: Settings | undefined
  async function get(): Promise<Settings> {
    if (cached) return { ...cached }
    const row = await db.settings.get(KEY)
    cached = { ...defaults, ...(row?.value as Partial<Settings> | undefined) }
    return { ...cached }
  }
  return {
    get,
    /** Applies `patch` (already validated) and returns the new settings. */
    async update(patch: Partial<Settings>): Promise<Settings> {
      const next = { ...(await get()), ...patch }
      await db.settings.put({ key: KEY, value: next })
      cached = next
      return { ...next }
    },
  }
}

export type SettingsStore = ReturnType<typeof createSettingsStore>
