import { describe, expect, it } from 'vitest'
import { AMOUNT_LIMIT, formatAmount, parseAmount } from '../../lib/amount.js'
import { InvalidAmountError } from '../../lib/errors.js'

describe('parseAmount', () => {
  it('parses decimal amounts into base units', () => {
    expect(parseAmount('1', 6)).toBe(1_000_000n)
    expect(parseAmount('12.5', 6)).toBe(12_500_000n)
    expect(parseAmount('0.000001', 6)).toBe(1n)
    expect(parseAmount(' 3.10 ', 6)).toBe(3_100_000n)
    expect(parseAmount('.5', 6)).toBe(500_000n)
    expect(parseAmount('5.', 6)).toBe(5_000_000n)
    expect(parseAmount('007', 0)).toBe(7n)
    expect(parseAmount('1.000000000000000001', 18)).toBe(10n ** 18n + 1n)
  })

  it('handles zero according to allowZero', () => {
    expect(() => parseAmount('0', 6)).toThrow(/more than zero/)
    expect(() => parseAmount('0.000', 6)).toThrow(/more than zero/)
    expect(parseAmount('0', 6, { allowZero: true })).toBe(0n)
    expect(parseAmount('0.0', 6, { allowZero: true })).toBe(0n)
  })

  it.each([
    ['', /Enter an amount/],
    ['   ', /Enter an amount/],
    ['-1', /negative/],
    ['+1', /sign/],
    ['1e6', /exponent/],
    ['1.5E-3', /exponent/],
    ['1,5', /dot/],
    ['1,000.5', /dot/],
    ['abc', /not a number/],
    ['1.2.3', /not a number/],
    ['.', /not a number/],
    ['0x10', /not a number/],
    ['1 000', /not a number/],
    ['١', /not a number/],
    ['Infinity', /not a number/],
    ['NaN', /not a number/],
    ['1.0000001', /at most 6 decimal places/],
  ])('refuses %j', (text, message) => {
    expect(() => parseAmount(text, 6)).toThrow(InvalidAmountError)
    expect(() => parseAmount(text, 6)).toThrow(message)
  })

  it('refuses decimals on a token without decimals', () => {
    expect(() => parseAmount('1.5', 0)).toThrow(/whole number/)
  })

  it('refuses 2^128 base units and more', () => {
    expect(AMOUNT_LIMIT).toBe(2n ** 128n)
    expect(parseAmount((AMOUNT_LIMIT - 1n).toString(), 0)).toBe(AMOUNT_LIMIT - 1n)
    expect(parseAmount('340282366920938463463.374607431768211455', 18)).toBe(AMOUNT_LIMIT - 1n)
    expect(() => parseAmount('340282366920938463463.374607431768211456', 18)).toThrow(/too large/)
    expect(() => parseAmount((2n ** 248n).toString(), 0)).toThrow(/too large/)
    expect(() => parseAmount(AMOUNT_LIMIT.toString(), 0)).toThrow(/too large/)
    expect(() => parseAmount('1'.padEnd(80, '0'), 18)).toThrow(/too large/)
  })

  it('refuses bad decimals', () => {
    expect(() => parseAmount('1', -1)).toThrow(InvalidAmountError)
    expect(() => parseAmount('1', 1.5)).toThrow(InvalidAmountError)
  })
})

describe('formatAmount', () => {
  it('formats base units without trailing zeros', () => {
    expect(formatAmount(1_500_000n, 6)).toBe('1.5')
    expect(formatAmount(1n, 6)).toBe('0.000001')
    expect(formatAmount(0n, 6)).toBe('0')
    expect(formatAmount(10n ** 18n, 18)).toBe('1')
    expect(formatAmount(42n, 0)).toBe('42')
    expect(formatAmount(-1_500_000n, 6)).toBe('-1.5')
  })

  it('round-trips with parseAmount', () => {
    for (const units of [1n, 10n, 123_456_789n, AMOUNT_LIMIT - 1n]) {
      expect(parseAmount(formatAmount(units, 6), 6)).toBe(units)
    }
  })
})
