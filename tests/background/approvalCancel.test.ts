import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Prover } from '../../lib/prover/types.js'
import { parseReceipt } from '../../lib/receipt/parseReceipt.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { openBackground, switchableProver } from './harness.js'
import { codeOf, resultOf, siteClient } from './siteClient.js'
import { openWindowOf, someoneElse, until } from './waitFor.js'

// The approval window's Cancel after Approve, over a real chain and real
// proofs: before the payment is sent it ends it (the site hears 4001, the
// notes come back); an approved payment keeps its window until it ends.

const token = 10n ** 18n
const password = 'correct horse battery'
const shop = 'http://127.0.0.1:8560'

let chain: LocalChain
let alice: ReturnType<typeof openBackground>
const prover = switchableProver(nodeProver)
const merchant = someoneElse()

/** The request id of the approval window open now. */
const openWindow = () => openWindowOf(alice)

/** The real prover, held at its start until `release` (a slow proof the user approves during). */
function heldProver() {
  let release!: () => void
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  let started = false
  const slow: Prover = {
    prove: async (params) => {
      started = true
      await held
      return nodeProver.prove(params)
    },
  }
  return { prover: slow, release, started: () => started }
}

const unspent = async () =>
  (await alice.db.notes.toArray())
    .filter((n) => n.status === 'unspent' && n.amount !== '0')
    .reduce((sum, n) => sum + BigInt(n.amount), 0n)

const site = () => siteClient(alice.background, shop)

beforeAll(async () => {
  chain = await startLocalChain()
  alice = openBackground(chain, { prover })
  await alice.send('wallet.create', { password })
  await alice.send('settings.update', { useRelayer: false })
  const state = await alice.send('wallet.state')
  await chain.fund(state.publicAddress!, 100n * token)
  const { activityId } = await alice.send('tx.shield', {
    pool: chain.deployment.pool,
    amount: `${10n * token}`,
  })
  expect(await alice.settled(activityId)).toMatchObject({ status: 'settled' })
  const connected = site().request('zkpay_connect')
  await alice.send('approval.decide', { id: await openWindow(), approve: true })
  resultOf(await connected)
})

afterAll(async () => {
  prover.use(nodeProver)
  await chain?.stop()
})

describe('Cancel in the approval window', () => {
  it('approved, cancelled before it is sent: the site gets 4001, the notes come back', async () => {
    const held = heldProver()
    prover.use(held.prover)
    const before = await unspent()
    const answer = site().request('zkpay_pay', {
      to: merchant,
      amount: '1.5',
      token: chain.deployment.token,
    })
    const id = await openWindow()
    // the fee is known (Approve enabled) while the proof is still being made
    const view = await until(async () => {
      const v = await alice.send('approval.get', { id })
      return v.payment?.total !== undefined && held.started() ? v : undefined
    })
    await alice.send('approval.decide', { id, approve: true })
    // the window stays, now showing the payment's progress
    expect(alice.windows.urls()).toHaveLength(1)
    await until(async () => (await alice.send('approval.get', { id })).status === 'running')

    const cancelled = alice.send('tx.cancel', { activityId: view.proof!.activityId })
    held.release()
    expect(await cancelled).toEqual({ status: 'cancelled' })
    const answered = await answer
    expect(codeOf(answered)).toBe(4001)
    expect('error' in answered && answered.error.data.reason).toBe('user_rejected')
    expect(alice.windows.urls()).toEqual([]) // closed before the site heard

    expect(await unspent()).toBe(before)
    expect(await alice.db.pendingWork.count()).toBe(0)
    expect((await alice.db.notes.toArray()).filter((n) => n.status === 'pending')).toEqual([])
    expect(await alice.db.activity.get(view.proof!.activityId)).toMatchObject({
      status: 'failed',
      errorCode: 'cancelled',
    })
    // nothing reached the chain: a sync finds no spend of those notes either
    await alice.send('sync.now')
    expect(await unspent()).toBe(before)
  })

  it('an approved payment keeps its window until it settles; a Cancel then is too late', async () => {
    prover.use(nodeProver)
    const before = await unspent()
    const answer = site().request('zkpay_pay', {
      to: merchant,
      amount: '0.5',
      token: chain.deployment.token,
      memo: 'kept',
    })
    const id = await openWindow()
    const view = await until(async () => {
      const v = await alice.send('approval.get', { id })
      return v.proof?.stage === 'ready' ? v : undefined
    })
    await alice.send('approval.decide', { id, approve: true })
    expect(alice.windows.urls()).toHaveLength(1) // kept, with its progress and Cancel
    const receipt = parseReceipt(resultOf(await answer))
    expect(receipt).toMatchObject({ amount: token / 2n, memo: 'kept' })
    expect(alice.windows.urls()).toEqual([])
    expect(await alice.send('tx.cancel', { activityId: view.proof!.activityId })).toEqual({
      status: 'ended',
    })
    const fee = BigInt((await alice.db.activity.get(view.proof!.activityId))?.fee ?? '0')
    expect(await unspent()).toBe(before - token / 2n - fee)
  })

  it('closing the window of an approved payment does not stop it', async () => {
    const answer = site().request('zkpay_pay', {
      to: merchant,
      amount: '0.25',
      token: chain.deployment.token,
    })
    const id = await openWindow()
    await until(async () => (await alice.send('approval.get', { id })).proof?.stage === 'ready')
    await alice.send('approval.decide', { id, approve: true })
    const windowId = alice.windows.ids()[0]
    if (windowId !== undefined) {
      alice.windows.userCloses(windowId)
      await alice.background.onWindowRemoved(windowId)
    }
    expect(parseReceipt(resultOf(await answer)).amount).toBe(token / 4n)
  })
})
