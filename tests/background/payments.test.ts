import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NoteRow } from '../../background/db.js'
import { encodeAddress } from '../../lib/address.js'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { ProofFailedError } from '../../lib/errors.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import type { Prover } from '../../lib/prover/types.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { openBackground, switchableProver } from './harness.js'

const token = 10n ** 18n
const password = 'correct horse battery'

let chain: LocalChain
const prover = switchableProver(nodeProver)
let alice: ReturnType<typeof openBackground>
let pool: `0x${string}`

beforeAll(async () => {
  chain = await startLocalChain()
  pool = chain.deployment.pool
  alice = openBackground(chain, { prover })
  await alice.send('wallet.create', { password })
  await alice.send('settings.update', { useRelayer: false })
  const state = await alice.send('wallet.state')
  await chain.fund(state.publicAddress!, 100n * token)
})

afterAll(async () => {
  await chain?.stop()
})

const notes = (db = alice.db) => db.notes.toArray()
const byStatus = (rows: NoteRow[], status: string) => rows.filter((n) => n.status === status)

describe('payments', () => {
  it('shields public tokens into a note, answering with the activity id at once', async () => {
    const { activityId } = await alice.send('tx.shield', { pool, amount: (10n * token).toString() })
    // answered before the proof, not after the block
    expect((await alice.db.activity.get(activityId))?.status).toMatch(/^(proving|submitting)$/)
    const activity = await alice.settled(activityId)
    expect(activity).toMatchObject({ kind: 'shield', status: 'settled', amount: `${10n * token}` })
    expect(activity.txHash).toMatch(/^0x[0-9a-f]{64}$/)
    const unspent = byStatus(await notes(), 'unspent').filter((n) => n.amount !== '0')
    expect(unspent.map((n) => n.amount)).toEqual([`${10n * token}`])
    const state = await alice.send('wallet.state')
    expect(state.balances?.[0]).toMatchObject({
      shielded: `${10n * token}`,
      pending: '0',
      notes: 1,
    })
    // the shield's own note is not a payment received
    expect((await alice.db.activity.toArray()).map((a) => a.kind)).toEqual(['shield'])
    const statuses = alice.events
      .filter((e) => e.event === 'activity.updated' && e.data.id === activityId)
      .map((e) => (e.event === 'activity.updated' ? e.data.status : ''))
    expect(statuses).toEqual(['proving', 'proving', 'submitting', 'pending', 'settled'])
  })

  it('marks the input note pending before proving and unspent again when proving fails', async () => {
    const seen: string[][] = []
    const failing: Prover = {
      async prove() {
        seen.push((await notes()).filter((n) => n.amount !== '0').map((n) => n.status))
        throw new ProofFailedError('The prover fell over.')
      },
    }
    prover.use(failing)
    const bob = deriveKeys(generateMnemonic())
    const to = encodeAddress({ ownerKey: bob.ownerKey, viewingPublicKey: bob.viewingKey.publicKey })
    const { activityId } = await alice.send('tx.send', { pool, to, amount: `${token}` })
    const activity = await alice.settled(activityId)
    expect(seen).toEqual([['pending']])
    expect(activity).toMatchObject({ status: 'failed', error: 'The prover fell over.' })
    expect(byStatus(await notes(), 'pending')).toEqual([])
    expect(await alice.db.pendingWork.count()).toBe(0)
    prover.use(nodeProver)
  })

  it('never lets two payments pick the same note', async () => {
    let release!: () => void
    const blocked = new Promise<void>((r) => (release = r))
    prover.use({
      async prove() {
        await blocked
        throw new ProofFailedError('Stopped by the test.')
      },
    })
    const to = encodeAddress({
      ownerKey: deriveKeys(generateMnemonic()).ownerKey,
      viewingPublicKey: deriveKeys(generateMnemonic()).viewingKey.publicKey,
    })
    const first = await alice.send('tx.send', { pool, to, amount: `${token}` })
    await expect(alice.send('tx.send', { pool, to, amount: `${token}` })).rejects.toMatchObject({
      code: 'insufficient_balance',
    })
    expect((await alice.send('wallet.state')).balances?.[0]).toMatchObject({
      shielded: '0',
      pending: `${10n * token}`,
    })
    release()
    await alice.settled(first.activityId)
    expect(byStatus(await notes(), 'pending')).toEqual([])
    prover.use(nodeProver)
  })

  it('cancels a payment before it is sent: its notes come back and nothing goes on chain', async () => {
    let started!: () => void
    const proving = new Promise<void>((r) => (started = r))
    prover.use({
      async prove() {
        started()
        return new Promise<never>(() => {}) // a proof that never ends
      },
    })
    const to = encodeAddress({
      ownerKey: deriveKeys(generateMnemonic()).ownerKey,
      viewingPublicKey: deriveKeys(generateMnemonic()).viewingKey.publicKey,
    })
    const leaves = await chain.publicClient.readContract({
      address: pool,
      abi: shieldedPoolAbi,
      functionName: 'leafCount',
    })
    const { activityId } = await alice.send('tx.send', { pool, to, amount: `${token}` })
    await proving
    expect(byStatus(await notes(), 'pending')).toHaveLength(1)
    expect(await alice.send('tx.cancel', { activityId })).toEqual({ status: 'cancelled' })
    // Answered once it is over: the note is spendable again, the activity says why.
    expect(byStatus(await notes(), 'pending')).toEqual([])
    expect(await alice.db.activity.get(activityId)).toMatchObject({
      status: 'failed',
      errorCode: 'cancelled',
      error: expect.stringMatching(/cancelled.*nothing was spent/),
    })
    expect(await alice.db.pendingWork.count()).toBe(0)
    expect((await alice.send('wallet.state')).balances?.[0]).toMatchObject({
      shielded: `${10n * token}`,
      pending: '0',
    })
    // Over already: nothing to cancel; an unknown id changes nothing either.
    expect(await alice.send('tx.cancel', { activityId })).toEqual({ status: 'ended' })
    await expect(alice.send('tx.cancel', { activityId: '' } as never)).rejects.toMatchObject({
      code: 'bad_request',
    })
    expect(
      await chain.publicClient.readContract({
        address: pool,
        abi: shieldedPoolAbi,
        functionName: 'leafCount',
      }),
    ).toBe(leaves)
    prover.use(nodeProver)
  })

  it('pays another wallet: the note is spent, the change comes back, the payee is notified', async () => {
    const bob = openBackground(chain, { prover })
    await bob.send('wallet.create', { password })
    await bob.send('settings.update', { useRelayer: false })
    const { address } = await bob.send('wallet.state')
    await bob.send('sync.now')

    const { activityId } = await alice.send('tx.send', {
      pool,
      to: address!,
      amount: `${3n * token}`,
      memo: 'for the coffee',
    })
    const activity = await alice.settled(activityId)
    expect(activity).toMatchObject({ status: 'settled', kind: 'send', counterparty: address })
    const rows = await notes()
    const spent = byStatus(rows, 'spent')
    expect(spent.map((n) => n.amount)).toEqual([`${10n * token}`])
    expect(spent[0]!.spentTxHash).toBe(activity.txHash)
    expect(
      byStatus(rows, 'unspent')
        .filter((n) => n.amount !== '0')
        .map((n) => n.amount),
    ).toEqual([`${7n * token}`])
    expect(await alice.db.pendingWork.count()).toBe(0)
    expect(alice.events).toContainEqual({
      event: 'proof.progress',
      data: { stage: 'proving', activityId },
    })

    expect(await bob.send('sync.now')).toMatchObject({ state: 'idle' })
    const received = (await bob.send('activity.list')).filter((a) => a.kind === 'receive')
    expect(received).toMatchObject([
      {
        status: 'settled',
        amount: `${3n * token}`,
        memo: 'for the coffee',
        txHash: activity.txHash,
      },
    ])
    expect(bob.notifications).toEqual([expect.objectContaining({ title: 'Received 3 zUSD' })])
    // The memo is the sender's text: never shown under the wallet's name.
    expect(JSON.stringify(bob.notifications)).not.toContain('coffee')
    expect((await bob.send('wallet.state')).balances?.[0]?.shielded).toBe(`${3n * token}`)
  })

  it('a restarted worker restores the synced pool from the database', async () => {
    const before = await alice.background.sync.poolState(chain.deployment)
    const again = openBackground(chain, { prover, name: alice.name, session: alice.session })
    await again.background.start()
    expect(again.background.keystore.isUnlocked()).toBe(true)
    const after = await again.background.sync.poolState(chain.deployment)
    expect(after.tree.latestBatchRoot).toBe(before.tree.latestBatchRoot)
    expect(after.tree.size).toBe(before.tree.size)
    expect(after.syncedBlock).toBe(before.syncedBlock)
    expect(after.notes.map((n) => [n.commitment, n.spent])).toEqual(
      before.notes.map((n) => [n.commitment, n.spent]),
    )
  })
})
