import { describe, expect, it } from 'vitest'
import { RelayError } from '../../lib/errors.js'
import { circuitFee, relayFee } from '../../lib/relayer/relayFee.js'
import { checkFee, requiredFee } from '../../relayer/checks/fee.js'

const config = {
  fee: { flat: 1000n, perGas: 2n },
  gasEstimate: { tx1: 600_000, tx2: 650_000, tx8: 900_000 },
}

describe('fee rule', () => {
  it('quotes flat + perGas * gas, per circuit from the quoted gas', () => {
    expect(relayFee(config, 21_000n)).toBe(43_000n)
    expect(circuitFee(config, 'tx1')).toBe(1_201_000n)
    expect(circuitFee(config, 'tx8')).toBe(1_801_000n)
  })

  it('charges the simulated gas, but never more than the quote for the circuit', () => {
    expect(requiredFee(config, 'tx1', 400_000n)).toEqual({ fee: 801_000n, gas: 400_000n })
    expect(requiredFee(config, 'tx1', 700_000n)).toEqual({ fee: 1_201_000n, gas: 600_000n })
    // A wallet that paid the quote is never refused, whatever the gas turned out to be.
    expect(() => checkFee(config, 'tx2', 10_000_000n, circuitFee(config, 'tx2'))).not.toThrow()
  })

  it('refuses a lower fee with the fee needed', () => {
    const error = (() => {
      try {
        checkFee(config, 'tx1', 400_000n, 800_999n)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(RelayError)
    expect(error).toMatchObject({ code: 'fee_too_low' })
    expect((error as RelayError).message).toContain('required 801000')
  })
})
