import { describe, expect, it } from 'vitest'
import { maxAmount } from '../../components/forms/maxAmount.js'

/**
 * A quote like the background's: the fee of the circuit the notes need
 * (`notesFor(amount + fee)`), refused when the balance cannot pay amount + fee.
 */
function quoter(balance: bigint, feeFor: (amount: bigint) => bigint) {
  const asked: bigint[] = []
  const quote = async (amount: bigint) => {
    asked.push(amount)
    const fee = feeFor(amount)
    if (amount + fee > balance) throw new Error('Not enough shielded balance for this amount.')
    return fee
  }
  return { quote, asked }
}

describe('maxAmount', () => {
  it('leaves nothing after a fixed fee', async () => {
    const { quote } = quoter(1000n, () => 7n)
    expect(await maxAmount(1000n, quote)).toEqual({ amount: 993n, fee: 7n })
  })

  it('sends the whole balance when there is no fee', async () => {
    const { quote, asked } = quoter(500n, () => 0n)
    expect(await maxAmount(500n, quote)).toEqual({ amount: 500n, fee: 0n })
    expect(asked).toEqual([500n])
  })

  it('finds the fixed point when the fee grows with the amount (more notes, a larger circuit)', async () => {
    // Up to 100 one note (fee 2), above it all notes (fee 10).
    const { quote } = quoter(1000n, (amount) => (amount + 2n <= 100n ? 2n : 10n))
    const max = await maxAmount(1000n, quote)
    expect(max).toEqual({ amount: 990n, fee: 10n })
    expect(max.amount + max.fee).toBe(1000n)
  })

  it('keeps amount + fee within the balance when the quotes never meet exactly', async () => {
    // The fee jumps at 995: 995 would need 10 (1005, too much); 994 needs only 3.
    const { quote } = quoter(1000n, (amount) => (amount >= 995n ? 10n : 3n))
    const max = await maxAmount(1000n, quote)
    expect(max.amount + max.fee).toBeLessThanOrEqual(1000n)
    expect(max).toEqual({ amount: 994n, fee: 3n })
  })

  it('says why when nothing fits: an empty balance, or one smaller than the fee', async () => {
    await expect(maxAmount(0n, quoter(0n, () => 1n).quote)).rejects.toThrow(/nothing shielded/)
    await expect(maxAmount(5n, quoter(5n, () => 9n).quote)).rejects.toThrow(/Not enough/)
  })
})
