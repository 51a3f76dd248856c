import { describe, expect, it } from 'vitest'
import { RelayError } from '../../lib/errors.js'
import { circuitFee, relayFee } from '../../lib/relayer/relayFee.js'
import { checkFee, requiredFee } from '../../relayer/checks/fee.js'

const gasEstimate = { tx1: 600_000, tx2: 650_000, tx8: 900_000 }
const status = { fee: { flat: 1000n, perGas: 2n }, gasEstimate }
const rule = { flat: 1000n, perGas: 2n, gasEstimate }

const thrown = (run: () => unknown) => {
  try {
    run()
  } catch (e) {
    return e as RelayError
  }
  return expect.fail('did not throw')
}

describe('fee rule', () => {
  it('quotes flat + perGas * gas, per circuit from the quoted gas', () => {
    expect(relayFee(status, 21_000n)).toBe(43_000n)
    expect(circuitFee(status, 'tx1')).toBe(1_201_000n)
    expect(circuitFee(status, 'tx8')).toBe(1_801_000n)
  })

  it('charges the simulated gas, and a wallet that paid the quote is never refused', () => {
    expect(requiredFee(rule, 'tx1', 400_000n)).toEqual({ fee: 801_000n, gas: 400_000n })
    expect(requiredFee(rule, 'tx1', 600_000n)).toEqual({ fee: 1_201_000n, gas: 600_000n })
    expect(() => checkFee(rule, 'tx2', 650_000n, circuitFee(status, 'tx2'))).not.toThrow()
  })

  it('refuses a transaction that needs more gas than quoted for its circuit, whatever its fee', () => {
    const error = thrown(() => checkFee(rule, 'tx1', 600_001n, 10n ** 30n))
    expect(error).toBeInstanceOf(RelayError)
    expect(error).toMatchObject({ code: 'gas_over_quote' })
    expect(error.message).toContain('600001 gas, more than the 600000 quoted for tx1')
  })

  it('refuses a lower fee with the fee needed', () => {
    const error = thrown(() => checkFee(rule, 'tx1', 400_000n, 800_999n))
    expect(error).toBeInstanceOf(RelayError)
    expect(error).toMatchObject({ code: 'fee_too_low' })
    expect(error.message).toContain('required 801000')
  })

  it('refuses a value-less relay even when the rule asks for nothing', () => {
    const free = { flat: 0n, perGas: 0n, gasEstimate }
    const error = thrown(() => checkFee(free, 'tx1', 400_000n, 0n))
    expect(error).toMatchObject({ code: 'fee_too_low' })
    expect(error.message).toContain('value-less')
    expect(() => checkFee(free, 'tx1', 400_000n, 1n)).not.toThrow()
  })
})
