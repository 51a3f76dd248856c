import type { Address } from 'viem'
import type { AllowanceRow, SiteRow, WalletDb } from '../db.js'
import { currentPeriod } from './allowancePeriod.js'

/**
 * Connected sites and their tip allowances, keyed by origin. Reserving a
 * tip checks and raises `spent` in one database transaction, so two tips
 * at once can never both fit into room for one.
 */
export function createSiteStore(db: WalletDb, now: () => number = Date.now) {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

  async function change(origin: string, edit: (site: SiteRow) => SiteRow | undefined) {
    return db.transaction('rw', db.sites, async () => {
      const site = await db.sites.get(origin)
      if (!site) return undefined
      const next = edit(site)
      if (next) await db.sites.put(next)
      return next
    })
  }

  return {
    get: (origin: string) => db.sites.get(origin),
    list: () => db.sites.orderBy('origin').toArray(),
    async connect(origin: string, address: string): Promise<SiteRow> {
      const existing = await db.sites.get(origin)
      const row: SiteRow = existing ?? { origin, address, connectedAt: now(), allowances: [] }
      await db.sites.put({ ...row, address })
      return { ...row, address }
    },
    /** Forgets the site and its allowances; whether it was connected. */
    async disconnect(origin: string): Promise<boolean> {
      const existed = (await db.sites.get(origin)) !== undefined
      await db.sites.delete(origin)
      return existed
    },
    /** Grants (or replaces) the site's allowance for `allowance.token`, starting a period now. */
    setAllowance(origin: string, allowance: Omit<AllowanceRow, 'periodStart' | 'spent'>) {
      return change(origin, (site) => ({
        ...site,
        allowances: [
          ...site.allowances.filter((a) => !same(a.token, allowance.token)),
          { ...allowance, periodStart: now(), spent: '0' },
        ],
      }))
    },
    revokeAllowance(origin: string, token: Address) {
      return change(origin, (site) => ({
        ...site,
        allowances: site.allowances.filter((a) => !same(a.token, token)),
      }))
    },
    /** The site's allowances as they stand now (a new period resets `spent`). */
    async allowances(origin: string): Promise<AllowanceRow[]> {
      const site = await db.sites.get(origin)
      return (site?.allowances ?? []).map((a) => currentPeriod(a, now()))
    },
    /** What is left of the site's allowance for `token` this period, or `undefined` if it has none. */
    async left(origin: string, token: Address): Promise<bigint | undefined> {
      const site = await db.sites.get(origin)
      const allowance = site?.allowances.find((a) => same(a.token, token))
      if (!allowance) return undefined
      const current = currentPeriod(allowance, now())
      return BigInt(current.amount) - BigInt(current.spent)
    },
    /**
     * Counts `amount` against the site's allowance for `token` if it fits in
     * what is left this period; returns the period's start, or `undefined`.
     */
    async reserve(origin: string, token: Address, amount: bigint): Promise<number | undefined> {
      let period: number | undefined
      await change(origin, (site) => {
        const index = site.allowances.findIndex((a) => same(a.token, token))
        if (index < 0) return undefined
        const current = currentPeriod(site.allowances[index]!, now())
        const spent = BigInt(current.spent) + amount
        if (spent > BigInt(current.amount)) return undefined
        period = current.periodStart
        const allowances = [...site.allowances]
        allowances[index] = { ...current, spent: spent.toString() }
        return { ...site, allowances }
      })
      return period
    },
    /** Gives back a reserved tip that failed (if its period is still the current one). */
    async refund(origin: string, token: Address, amount: bigint, periodStart: number) {
      await change(origin, (site) => {
        const index = site.allowances.findIndex((a) => same(a.token, token))
        const current = index >= 0 ? currentPeriod(site.allowances[index]!, now()) : undefined
        if (!current || current.periodStart !== periodStart) return undefined
        const spent = BigInt(current.spent) - amount
        const allowances = [...site.allowances]
        allowances[index] = { ...current, spent: (spent > 0n ? spent : 0n).toString() }
        return { ...site, allowances }
      })
    },
  }
}

export type SiteStore = ReturnType<typeof createSiteStore>
