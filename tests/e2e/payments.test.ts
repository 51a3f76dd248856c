import { parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAddress } from '../../lib/address.js'
import { verifyReceipt } from '../../lib/receipt/verifyReceipt.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { newWallet } from '../helpers/wallets.js'

const units = (amount: string) => parseUnits(amount, 18)

describe('private payments on a local chain', () => {
  let chain: LocalChain
  beforeAll(async () => {
    chain = await startLocalChain()
  })
  afterAll(async () => {
    await chain?.stop()
  })

  it('shields, pays privately, pays back, and unshields with balances right at every step', async () => {
    const { deployment } = chain
    const alice = await newWallet(chain, units('100'))
    const bob = await newWallet(chain)
    const alicePublic = alice.keys.account.address

    const shield = await alice.shield(units('60'))
    expect(shield.prepared.circuit).toBe('tx1')
    expect(alice.balance()).toBe(units('60'))
    expect(await chain.tokenBalance(alicePublic)).toBe(units('40'))
    expect(await chain.tokenBalance(deployment.pool)).toBe(units('60'))

    const payment = await alice.pay(bob.address, units('12.5'), { memo: 'coffee and cake' })
    expect(payment.prepared.circuit).toBe('tx1')
    expect(alice.balance()).toBe(units('47.5'))
    // A private transfer moves no tokens in or out of the pool.
    expect(await chain.tokenBalance(deployment.pool)).toBe(units('60'))
    expect(await chain.tokenBalance(alicePublic)).toBe(units('40'))

    await bob.sync()
    expect(bob.balance()).toBe(units('12.5'))
    expect(bob.state.notes.filter((n) => n.amount > 0n)).toMatchObject([
      { amount: units('12.5'), memo: 'coffee and cake', spent: false, txHash: payment.txHash },
    ])

    // The receipt is what the recipient checks to call the payment settled.
    const receipt = payment.receipt!
    expect(receipt).toMatchObject({
      version: 2,
      chainId: deployment.chainId,
      pool: deployment.pool,
      txHash: payment.txHash,
      blockNumber: payment.blockNumber,
      amount: units('12.5'),
    })
    const check = { publicClient: chain.publicClient, pool: deployment.pool }
    const verified = await verifyReceipt({ ...check, receipt, address: bob.address })
    expect(verified).toEqual({
      amount: units('12.5'),
      blockNumber: payment.blockNumber,
      confirmations: 1n,
    })
    for (const refused of [
      // Not Bob's address, another amount, another pool than the one Bob accepts.
      { ...check, receipt, address: alice.address },
      { ...check, receipt: { ...receipt, amount: receipt.amount + 1n }, address: bob.address },
      { ...check, pool: deployment.token, receipt, address: bob.address },
      // The receipt names another pool than the one it was checked against.
      { ...check, receipt: { ...receipt, pool: deployment.token }, address: bob.address },
      // Too fresh for a merchant who waits for two blocks.
      { ...check, receipt, address: bob.address, minConfirmations: 2n },
    ]) {
      await expect(verifyReceipt(refused)).rejects.toMatchObject({ code: 'invalid_receipt' })
    }

    // Alice's own record of the payment, which only her outgoing key opens.
    expect(alice.state.sent.map((s) => [s.txHash, s.record])).toEqual([
      [shield.txHash, { kind: 'shield', from: alicePublic, amount: units('60'), memo: '' }],
      [
        payment.txHash,
        { kind: 'pay', to: bob.address, amount: units('12.5'), memo: 'coffee and cake' },
      ],
    ])
    expect(bob.state.sent).toEqual([])

    await bob.pay(alice.address, units('2.5'))
    await alice.sync()
    expect(bob.balance()).toBe(units('10'))
    expect(alice.balance()).toBe(units('50'))
    // Bob's payment made a block since: now it has the two confirmations.
    const later = await verifyReceipt({
      ...check,
      receipt,
      address: bob.address,
      minConfirmations: 2n,
    })
    expect(later.confirmations).toBeGreaterThanOrEqual(2n)

    const bobPublic = bob.keys.account.address
    const unshield = await bob.unshield(bobPublic, units('4'))
    expect(unshield.prepared.extData.extAmount).toBe(-units('4'))
    expect(bob.balance()).toBe(units('6'))
    expect(await chain.tokenBalance(bobPublic)).toBe(units('4'))
    expect(await chain.tokenBalance(deployment.pool)).toBe(units('56'))

    // The payer's view of the recipient's address is all the recipient published.
    expect(decodeAddress(bob.address).ownerKey).toBe(bob.keys.ownerKey)
  })
})
