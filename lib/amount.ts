import { InvalidAmountError } from './errors.js'

/** Amounts are below `2^128` in base units (notes, ext amounts and fees alike). */
export const AMOUNT_LIMIT = 1n << 128n

/** Options of {@link parseAmount}. */
export type ParseAmountOptions = {
  /** Accept `0` (for example a fee). Defaults to `false`: a payment of nothing is a mistake. */
  allowZero?: boolean
}

/**
 * Parses a decimal amount typed by a person (`"12.5"`) into base units of a
 * token with `decimals` decimals. Only ASCII digits and one dot; surrounding
 * whitespace is ignored. Throws an {@link InvalidAmountError} naming the
 * problem: empty, negative, a sign, an exponent, a comma, not a number, too
 * many decimals, zero (unless `allowZero`), or `>= 2^128` base units.
 */
export function parseAmount(
  text: string,
  decimals: number,
  { allowZero = false }: ParseAmountOptions = {},
): bigint {
  assertDecimals(decimals)
  if (typeof text !== 'string') throw new InvalidAmountError('The amount is not text.')
  const value = text.trim()
  if (value === '') throw new InvalidAmountError('Enter an amount.')
  if (value.startsWith('-')) throw new InvalidAmountError('The amount cannot be negative.')
  if (value.startsWith('+')) throw new InvalidAmountError('Write the amount without a sign.')
  if (/^[\d.]*[eE][+-]?\d*$/.test(value)) {
    throw new InvalidAmountError('Write the amount in full, without an exponent (e).')
  }
  if (/^[\d.,\s]+$/.test(value) && value.includes(',')) {
    throw new InvalidAmountError('Use a dot as the decimal separator and no thousands separators.')
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(value)
  const whole = match?.[1] ?? ''
  const fraction = match?.[2] ?? ''
  if (!match || (whole === '' && fraction === '')) {
    throw new InvalidAmountError('The amount is not a number.', { details: `Got "${value}".` })
  }
  if (fraction.length > decimals) {
    throw new InvalidAmountError(
      decimals === 0
        ? 'This token has no decimals: enter a whole number.'
        : `This token has at most ${decimals} decimal places.`,
    )
  }
  const units = BigInt(`${whole}${fraction.padEnd(decimals, '0')}` || '0')
  if (units === 0n && !allowZero) throw new InvalidAmountError('The amount must be more than zero.')
  if (units >= AMOUNT_LIMIT) throw new InvalidAmountError('The amount is too large.')
  return units
}

/**
 * Formats base units as a decimal string with `decimals` decimals, without
 * trailing zeros or grouping (`1500000n, 6` → `"1.5"`). Exact for any size.
 */
export function formatAmount(units: bigint, decimals: number): string {
  assertDecimals(decimals)
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0')
  const whole = digits.slice(0, digits.length - decimals)
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 77) {
    throw new InvalidAmountError('Token decimals must be an integer from 0 to 77.', {
      details: `Got ${decimals}.`,
    })
  }
}
