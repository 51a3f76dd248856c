import { parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPoolWallet } from '../../../lib/wallet/createPoolWallet.js'
import { type LocalChain, startLocalChain } from '../../helpers/localChain.js'
import { nodeProver } from '../../helpers/prover.js'
import { newWallet } from '../../helpers/wallets.js'

// A wallet's birthday: outputs older than it join the tree but are not
// trial-decrypted, so a wallet restored with a too-late birthday misses them
// and one with its true birthday sees everything.

describe('the wallet birthday', () => {
  let chain: LocalChain
  beforeAll(async () => {
    chain = await startLocalChain()
  })
  afterAll(async () => {
    await chain?.stop()
  })

  it('skips decryption before the birthday and keeps the tree whole', async () => {
    const units = (x: string) => parseUnits(x, 18)
    const alice = await newWallet(chain, units('10'))
    const { blockNumber: first } = await alice.shield(units('2'))
    const { blockNumber: second } = await alice.shield(units('3'))
    const restore = (birthdayBlock: bigint) =>
      createPoolWallet({
        keys: alice.keys,
        publicClient: chain.publicClient,
        deployment: chain.deployment,
        prover: nodeProver,
        birthdayBlock,
      })
    const born = await restore(first)
    await born.sync()
    expect(born.balance()).toBe(units('5'))
    const late = await restore(second)
    await late.sync()
    expect(late.balance()).toBe(units('3'))
    expect(late.state.tree.size).toBe(born.state.tree.size)
    expect(late.state.tree.latestBatchRoot).toBe(born.state.tree.latestBatchRoot)
  })
})
