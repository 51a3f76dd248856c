import 'fake-indexeddb/auto'
import type { PublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeAddress } from '../../lib/address.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import type { Prover } from '../../lib/prover/types.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { openBackground } from './harness.js'

const token = 10n ** 18n
let chain: LocalChain
let first: ReturnType<typeof openBackground>
let bobAddress: string

/** A public client whose wait for a receipt never ends: the worker "dies" right after sending. */
const neverReceipt = (client: PublicClient) =>
  new Proxy(client, {
    get: (target, key) =>
      key === 'waitForTransactionReceipt' ? () => new Promise(() => {}) : Reflect.get(target, key),
  })

async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const value = await check()
    if (value) return value
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('timed out')
}

beforeAll(async () => {
  chain = await startLocalChain()
  first = openBackground(chain, { prover: nodeProver })
  await first.send('wallet.create', { password: 'correct horse battery' })
  await first.send('settings.update', { useRelayer: false })
  await chain.fund((await first.send('wallet.state')).publicAddress!, 100n * token)
  const { activityId } = await first.send('tx.shield', {
    pool: chain.deployment.pool,
    amount: `${10n * token}`,
  })
  expect(await first.settled(activityId)).toMatchObject({ status: 'settled' })
  const bob = deriveKeys(generateMnemonic())
  bobAddress = encodeAddress({ ownerKey: bob.ownerKey, viewingPublicKey: bob.viewingKey.publicKey })
})

afterAll(async () => {
  await chain?.stop()
})

/** Another worker over the same database and session, as after a service-worker restart. */
const restart = (options: { prover?: Prover; wrapPublicClient?: typeof neverReceipt } = {}) =>
  openBackground(chain, {
    name: first.name,
    session: first.session,
    prover: options.prover ?? nodeProver,
    ...(options.wrapPublicClient ? { wrapPublicClient: options.wrapPublicClient } : {}),
  })

describe('pendingWork after a service-worker restart', () => {
  it('waits for the transaction a dead worker had sent, then settles it', async () => {
    const dying = restart({ wrapPublicClient: neverReceipt })
    await dying.background.start()
    const { activityId } = await dying.send('tx.send', {
      pool: chain.deployment.pool,
      to: bobAddress,
      amount: `${token}`,
    })
    const work = await until(async () => {
      const row = await dying.db.pendingWork.get(activityId)
      return row?.txHash ? row : undefined
    })
    expect(work).toMatchObject({ stage: 'submitted', via: 'direct' })
    expect(await dying.db.activity.get(activityId)).toMatchObject({ status: 'pending' })

    const next = restart()
    await next.background.start()
    const activity = await next.settled(activityId)
    expect(activity).toMatchObject({ status: 'settled', txHash: work.txHash })
    const spent = (await next.db.notes.toArray()).filter((n) => n.status === 'spent')
    expect(spent.map((n) => [n.amount, n.spentTxHash])).toEqual([[`${10n * token}`, work.txHash]])
    expect(await next.db.pendingWork.count()).toBe(0)
  })

  it('fails a payment whose worker died while proving, and gives its notes back', async () => {
    let proving!: () => void
    const started = new Promise<void>((r) => (proving = r))
    const dying = restart({
      prover: {
        prove: () => {
          proving()
          return new Promise(() => {})
        },
      },
    })
    await dying.background.start()
    await dying.send('sync.now')
    const { activityId } = await dying.send('tx.send', {
      pool: chain.deployment.pool,
      to: bobAddress,
      amount: `${token}`,
    })
    await started
    const reserved = await dying.db.notes.where('pendingActivityId').equals(activityId).toArray()
    expect(reserved.map((n) => n.status)).toEqual(['pending'])

    const next = restart()
    await next.background.start()
    const activity = await next.settled(activityId)
    expect(activity.status).toBe('failed')
    expect(activity.error).toMatch(/restarted before this payment was sent/)
    const note = await next.db.notes.get([reserved[0]!.pool, reserved[0]!.commitment])
    expect(note?.status).toBe('unspent')
    expect(note?.pendingActivityId).toBeUndefined()
    expect(await next.db.pendingWork.count()).toBe(0)
  })
})
