import type { AllowancePeriod, AllowanceRow } from '../db.js'

/** Length of each period; a month is 30 days. */
export const periodMs: Readonly<Record<AllowancePeriod, number>> = Object.freeze({
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
  month: 30 * 24 * 60 * 60_000,
})

/**
 * The allowance as it stands at `now`: periods follow each other from the
 * grant, so once the stored one has ended `spent` is 0 in the current one.
 */
export function currentPeriod(allowance: AllowanceRow, now: number): AllowanceRow {
  const length = periodMs[allowance.period]
  if (now < allowance.periodStart + length) return allowance
  const passed = Math.floor((now - allowance.periodStart) / length)
  return { ...allowance, periodStart: allowance.periodStart + passed * length, spent: '0' }
}

/** When the current period ends and `spent` starts again from 0. */
export function resetsAt(allowance: AllowanceRow, now: number): number {
  const current = currentPeriod(allowance, now)
  return current.periodStart + periodMs[current.period]
}
