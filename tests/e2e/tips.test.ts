import { parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PoolWallet } from '../../lib/wallet/createPoolWallet.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { newWallet } from '../helpers/wallets.js'

const units = (amount: string) => parseUnits(amount, 18)

// Split from payments.test.ts: its own chain, so it runs beside that file.
describe('a tip receiver with many small notes', () => {
  let chain: LocalChain
  let fan: PoolWallet
  let creator: PoolWallet
  // Setup: a fan's shield and seven tips of 0.25, each its own proof.
  beforeAll(async () => {
    chain = await startLocalChain()
    fan = await newWallet(chain, units('10'))
    creator = await newWallet(chain)
    await fan.shield(units('10'))
    for (let i = 0; i < 7; i++)
      await fan.pay(creator.address, units('0.25'), { memo: `tip ${i + 1}` })
  })
  afterAll(async () => {
    await chain?.stop()
  })

  it('merges them with the many-input circuit', async () => {
    await creator.sync()
    expect(creator.balance()).toBe(units('1.75'))
    expect(creator.state.notes.filter((n) => !n.spent && n.amount > 0n)).toHaveLength(7)

    // Paying 1.00 out of 0.25 notes needs four inputs: the 8-input circuit.
    const payout = await creator.pay(fan.address, units('1'))
    expect(payout.prepared.circuit).toBe('tx8')
    expect(payout.prepared.spent).toHaveLength(4)
    expect(creator.balance()).toBe(units('0.75'))

    const merge = await creator.merge()
    expect(merge.prepared.circuit).toBe('tx8')
    expect(merge.prepared.spent).toHaveLength(3)
    expect(creator.balance()).toBe(units('0.75'))
    expect(creator.state.notes.filter((n) => !n.spent && n.amount > 0n)).toHaveLength(1)
    await fan.sync()
    expect(fan.balance()).toBe(units('9.25'))
  })
})
