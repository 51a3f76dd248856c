import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateMnemonic } from '../../lib/keys.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { openBackground } from './harness.js'

// Forgot password on the lock screen: `wallet.import` with `replace` restores
// the phrase over a locked wallet, under a new password.

const oldPassword = 'correct horse battery'
const newPassword = 'another horse, stapled'
const noProver = {
  prove: async () => {
    throw new Error('this test proves nothing')
  },
}

let chain: LocalChain
beforeAll(async () => {
  chain = await startLocalChain()
})
afterAll(async () => {
  await chain?.stop()
})

describe('replacing a wallet from its phrase', () => {
  it('a locked wallet restored from the phrase opens with the new password, not the old one', async () => {
    const wallet = openBackground(chain, { prover: noProver })
    const { mnemonic } = await wallet.send('wallet.create', { password: oldPassword })
    const { address } = await wallet.send('wallet.unlock', { password: oldPassword })
    await wallet.send('settings.update', { autoLockMinutes: 7 })
    // Something of the old wallet's: a history entry and a connected site.
    const now = Date.now()
    await wallet.db.activity.put({
      id: 'old-entry',
      kind: 'shield',
      status: 'settled',
      amount: '5',
      symbol: 'zUSD',
      decimals: 18,
      createdAt: now,
      updatedAt: now,
      pool: chain.deployment.pool,
    })
    expect(await wallet.db.activity.get('old-entry')).toBeDefined()
    await wallet.send('wallet.lock')
    expect(await wallet.send('wallet.state')).toMatchObject({ hasWallet: true, locked: true })

    // Without `replace` the existing wallet is refused and stays as it was.
    await expect(
      wallet.send('wallet.import', { mnemonic, password: newPassword }),
    ).rejects.toMatchObject({ code: 'wallet_exists' })
    await expect(
      wallet.send('wallet.import', { mnemonic, password: newPassword, replace: false }),
    ).rejects.toMatchObject({ code: 'wallet_exists' })
    expect(await wallet.db.activity.get('old-entry')).toBeDefined()

    // With it: the same wallet again, unlocked, its old data gone, the settings kept.
    const restored = await wallet.send('wallet.import', {
      mnemonic,
      password: newPassword,
      replace: true,
    })
    expect(restored.address).toBe(address)
    const state = await wallet.send('wallet.state')
    expect(state).toMatchObject({ hasWallet: true, locked: false, address })
    expect(state.settings.autoLockMinutes).toBe(7)
    expect(await wallet.db.activity.get('old-entry')).toBeUndefined()
    expect(await wallet.db.keystore.count()).toBe(1)

    await wallet.send('wallet.lock')
    await expect(wallet.send('wallet.unlock', { password: oldPassword })).rejects.toMatchObject({
      code: 'wrong_password',
    })
    expect((await wallet.send('wallet.unlock', { password: newPassword })).address).toBe(address)
    expect((await wallet.send('wallet.revealPhrase', { password: newPassword })).mnemonic).toBe(
      mnemonic,
    )
  })

  it('replaces it with another phrase: a new address, and the old phrase is gone', async () => {
    const wallet = openBackground(chain, { prover: noProver })
    const { mnemonic: first } = await wallet.send('wallet.create', { password: oldPassword })
    const firstAddress = (await wallet.send('wallet.state')).address
    await wallet.send('wallet.lock')
    const second = generateMnemonic()
    const { address } = await wallet.send('wallet.import', {
      mnemonic: second,
      password: newPassword,
      replace: true,
    })
    expect(address).not.toBe(firstAddress)
    const { mnemonic } = await wallet.send('wallet.revealPhrase', { password: newPassword })
    expect(mnemonic).toBe(second)
    expect(mnemonic).not.toBe(first)
    // An invalid phrase replaces nothing.
    await wallet.send('wallet.lock')
    await expect(
      wallet.send('wallet.import', {
        mnemonic: 'not a phrase',
        password: oldPassword,
        replace: true,
      }),
    ).rejects.toMatchObject({ code: 'invalid_mnemonic' })
    expect((await wallet.send('wallet.unlock', { password: newPassword })).address).toBe(address)
  })
})
