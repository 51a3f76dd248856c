import { formatAmount } from '../lib/amount.js'

/** Base units as a decimal string (the wire form) → `"12.5"`, or `"?"` if malformed. */
export function formatUnits(units: string | bigint | undefined, decimals: number): string {
  if (units === undefined) return '–'
  try {
    return formatAmount(typeof units === 'bigint' ? units : BigInt(units), decimals)
  } catch {
    return '?'
  }
}

/**
 * Like {@link formatUnits} but cut (never rounded up) to `places` decimals,
 * for figures read at a glance such as gas money: `99.99941773…` → `99.9994`.
 */
export function formatShort(
  units: string | bigint | undefined,
  decimals: number,
  places = 4,
): string {
  const exact = formatUnits(units, decimals)
  const [whole, fraction] = exact.split('.')
  if (!fraction || fraction.length <= places) return exact
  const cut = fraction.slice(0, places).replace(/0+$/, '')
  return cut ? `${whole}.${cut}` : (whole ?? exact)
}

/** `zkpay1abcd…wxyz` or `0x1234…abcd`: enough to recognise, short enough for a row. */
export function shortAddress(address: string, keep = 8): string {
  if (address.length <= keep * 2 + 1) return address
  return `${address.slice(0, keep)}…${address.slice(-keep + 2)}`
}

/** A time as the popup shows it: today as `14:05`, otherwise `3 Mar 14:05`. */
export function formatTime(timestamp: number, now = Date.now()): string {
  const date = new Date(timestamp)
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  if (new Date(now).toDateString() === date.toDateString()) return time
  return `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`
}
