import { describe, expect, it } from 'vitest'
import type { Allowance } from '../../demo/shared/page/zkpay.js'
import {
  allowanceFor,
  allowanceLeft,
  describeAllowance,
  fitsAllowance,
} from '../../demo/tipjar/page/allowance.js'

const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const allowance: Allowance = {
  token: token.toLowerCase(),
  amount: '1',
  spent: '0.7',
  period: 'day',
  resetsAt: 1_700_000_000_000,
}

describe('tip jar allowance', () => {
  it('finds the allowance for the token whatever the address case', () => {
    expect(allowanceFor([allowance], token)).toBe(allowance)
    expect(allowanceFor([allowance], '0x0000000000000000000000000000000000000001')).toBeUndefined()
  })

  it('says what is left and whether a tip fits without a window', () => {
    expect(allowanceLeft(allowance, 18)).toBe(3n * 10n ** 17n)
    expect(fitsAllowance(allowance, '0.3', 18)).toBe(true)
    expect(fitsAllowance(allowance, '0.31', 18)).toBe(false)
    expect(fitsAllowance(undefined, '0.01', 18)).toBe(false)
    // Spent past the amount (a tip approved in a window) leaves nothing, not a negative.
    expect(allowanceLeft({ ...allowance, spent: '1.5' }, 18)).toBe(0n)
  })

  it('describes the allowance in one line', () => {
    const format = { symbol: 'zUSD', decimals: 18 }
    expect(describeAllowance(allowance, format, (ms) => `at ${ms}`)).toBe(
      'One-click tips: 0.3 zUSD left of 1 zUSD per day; resets at 1700000000000.',
    )
    expect(describeAllowance(undefined, format)).toMatch(/^No allowance yet/)
  })
})
