import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Activity } from '../../background/messages.js'
import { encodeAddress } from '../../lib/address.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { newWallet } from '../helpers/wallets.js'
import { openBackground } from './harness.js'

const token = 10n ** 18n
const password = 'correct horse battery'

let chain: LocalChain
let alice: ReturnType<typeof openBackground>
let mnemonic: string
/** Alice's settled activity before the restore, for the watch-only test to compare with. */
let original: Activity[] = []

beforeAll(async () => {
  chain = await startLocalChain()
  alice = openBackground(chain, { prover: nodeProver })
  ;({ mnemonic } = await alice.send('wallet.create', { password }))
  await alice.send('settings.update', { useRelayer: false })
  const state = await alice.send('wallet.state')
  await chain.fund(state.publicAddress!, 100n * token)
})

afterAll(async () => {
  await chain?.stop()
})

/** What must survive a restore: everything but ids, sites and the local clock. */
const comparable = (list: Activity[]) =>
  list
    .filter((a) => a.status === 'settled')
    .map((a) => ({
      kind: a.kind,
      amount: a.amount,
      fee: a.fee ?? '0',
      counterparty: a.counterparty ?? '',
      memo: a.memo ?? '',
      txHash: a.txHash,
    }))
    .sort((a, b) => (a.txHash! < b.txHash! ? -1 : 1))

describe('restore from the phrase', () => {
  it('rebuilds the same activity, entry by entry, with block times', async () => {
    const pool = chain.deployment.pool
    const bobKeys = deriveKeys(generateMnemonic())
    const bob = encodeAddress({
      ownerKey: bobKeys.ownerKey,
      viewingPublicKey: bobKeys.viewingKey.publicKey,
    })
    const carol = await newWallet(chain, 50n * token)
    const run = async (result: Promise<{ activityId: string }>) =>
      alice.settled((await result).activityId)
    await run(alice.send('tx.shield', { pool, amount: `${20n * token}` }))
    await run(alice.send('tx.send', { pool, to: bob, amount: `${3n * token}`, memo: 'lunch' }))
    await carol.shield(10n * token)
    const aliceAddress = (await alice.send('wallet.state')).address!
    await carol.pay(aliceAddress, 2n * token, { memo: 'thanks' })
    await run(
      alice.send('tx.unshield', {
        pool,
        to: (await alice.send('wallet.state')).publicAddress!,
        amount: `${4n * token}`,
      }),
    )
    await run(alice.send('tx.merge', { pool }))
    await alice.send('sync.now')
    const before = await alice.send('activity.list')
    original = before
    expect(
      comparable(before)
        .map((a) => a.kind)
        .sort(),
    ).toEqual(['merge', 'receive', 'send', 'shield', 'unshield'].sort())

    // The database is gone; the phrase is all that is left.
    // A created wallet knows its birthday (the head when it was made); a restored one
    // cannot, and scans the pool from its deployment.
    expect(BigInt((await alice.db.keystore.get('main'))?.birthdayBlock ?? '-1')).toBeGreaterThan(0n)
    const restored = openBackground(chain, { prover: nodeProver })
    await restored.send('wallet.import', { mnemonic, password })
    expect((await restored.db.keystore.get('main'))?.birthdayBlock).toBeUndefined()
    await restored.send('sync.now')
    const after = await restored.send('activity.list')
    expect(comparable(after)).toEqual(comparable(before))
    // Times are the blocks', not the import's.
    const blocks = await Promise.all(
      after.map(async (a) => {
        const receipt = await chain.publicClient.getTransactionReceipt({ hash: a.txHash! })
        const block = await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber })
        return [a.createdAt, Number(block.timestamp) * 1000]
      }),
    )
    for (const [createdAt, blockTime] of blocks) expect(createdAt).toBe(blockTime)
    expect((await restored.send('wallet.state')).balances?.[0]?.shielded).toBe(
      (await alice.send('wallet.state')).balances?.[0]?.shielded,
    )

    // Rescan from scratch: refused while a payment holds a note, then the same wallet again.
    const note = (await restored.db.notes.toArray()).find((n) => n.status === 'unspent')!
    await restored.db.notes.put({ ...note, status: 'pending' })
    await expect(restored.send('sync.rescan')).rejects.toMatchObject({
      code: 'payment_in_progress',
    })
    expect(await restored.db.notes.count()).toBeGreaterThan(0)
    await restored.db.notes.put(note)
    const beforeRescan = comparable(await restored.send('activity.list'))
    expect(await restored.send('sync.rescan')).toMatchObject({ state: 'idle' })
    expect((await restored.send('wallet.state')).balances?.[0]?.shielded).toBe(
      (await alice.send('wallet.state')).balances?.[0]?.shielded,
    )
    expect(comparable(await restored.send('activity.list'))).toEqual(beforeRescan)
  })

  it('a wallet watched from its viewing key shows the same activity and balance, and cannot spend', async () => {
    expect(original.length).toBeGreaterThan(0)
    const { viewingKey } = await alice.send('wallet.exportViewingKey', { password })
    expect(viewingKey).toMatch(/^zkpayview1/)
    const watcher = openBackground(chain, { prover: nodeProver })
    await expect(
      watcher.send('wallet.watch', { viewingKey: `${viewingKey}x`, password }),
    ).rejects.toMatchObject({
      code: 'invalid_key',
    })
    expect((await watcher.send('wallet.state')).hasWallet).toBe(false)
    const { address } = await watcher.send('wallet.watch', { viewingKey, password })
    const aliceState = await alice.send('wallet.state')
    expect(address).toBe(aliceState.address)
    await watcher.send('sync.now')
    const state = await watcher.send('wallet.state')
    expect(state.viewOnly).toBe(true)
    expect(state.publicAddress).toBeUndefined()
    expect(state.balances?.[0]?.shielded).toBe(aliceState.balances?.[0]?.shielded)
    expect(comparable(await watcher.send('activity.list'))).toEqual(comparable(original))

    const pool = chain.deployment.pool
    const refused = { code: 'view_only' }
    await expect(watcher.send('tx.send', { pool, to: address, amount: '1' })).rejects.toMatchObject(
      refused,
    )
    await expect(
      watcher.send('tx.unshield', { pool, to: aliceState.publicAddress!, amount: '1' }),
    ).rejects.toMatchObject(refused)
    await expect(watcher.send('tx.shield', { pool, amount: '1' })).rejects.toMatchObject(refused)
    await expect(watcher.send('tx.merge', { pool })).rejects.toMatchObject(refused)
    await expect(watcher.send('wallet.revealPhrase', { password })).rejects.toMatchObject(refused)
    // Nothing was reserved by the refused spends.
    expect((await watcher.send('wallet.state')).balances?.[0]?.pending).toBe('0')
    // Locked and unlocked again, it is still a watched wallet with the same key.
    await watcher.send('wallet.lock')
    await watcher.send('wallet.unlock', { password })
    expect((await watcher.send('wallet.state')).viewOnly).toBe(true)
    expect((await watcher.send('wallet.exportViewingKey', { password })).viewingKey).toBe(
      viewingKey,
    )
  })
})
