import 'fake-indexeddb/auto'
import { createTestClient, http, maxUint256, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeAddress } from '../../lib/address.js'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { parseReceipt } from '../../lib/receipt/parseReceipt.js'
import { verifyReceipt } from '../../lib/receipt/verifyReceipt.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { newWallet } from '../helpers/wallets.js'
import { openBackground } from './harness.js'
import { codeOf, resultOf, siteClient } from './siteClient.js'

// A payment proved while its approval window is open, approved only after
// the pool has moved past the 64 batch roots it keeps: the wallet proves again
// against a fresh root instead of sending a proof the pool would refuse.

const token = 10n ** 18n
const shop = 'http://127.0.0.1:8560'

let chain: LocalChain
let alice: ReturnType<typeof openBackground>

async function until<T>(read: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await read()
    if (value) return value
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 25))
  }
}

const latestBatchRoot = () =>
  chain.publicClient.readContract({
    address: chain.deployment.pool,
    abi: shieldedPoolAbi,
    functionName: 'latestBatchRoot',
  })
const isKnownBatchRoot = (root: bigint) =>
  chain.publicClient.readContract({
    address: chain.deployment.pool,
    abi: shieldedPoolAbi,
    functionName: 'isKnownBatchRoot',
    args: [root],
  })

/**
 * Overwrites the pool's one storage slot holding `root` (its place in the ring
 * of batch roots) with the ring's "unused" marker, which is never a known root.
 */
async function forgetBatchRoot(root: bigint) {
  const address = chain.deployment.pool
  const value = toHex(root, { size: 32 })
  const slots = await Promise.all(
    Array.from({ length: 256 }, (_, i) =>
      chain.publicClient.getStorageAt({ address, slot: toHex(i, { size: 32 }) }),
    ),
  )
  const found = slots.flatMap((v, i) => (v === value ? [i] : []))
  expect(found, 'the ring slot holding the root').toHaveLength(1)
  const testClient = createTestClient({
    chain: chain.chain,
    transport: http(chain.anvil.rpcUrl),
    mode: 'anvil',
  })
  await testClient.setStorageAt({
    address,
    index: toHex(found[0]!, { size: 32 }),
    value: toHex(maxUint256, { size: 32 }),
  })
}

beforeAll(async () => {
  chain = await startLocalChain()
  alice = openBackground(chain, { prover: nodeProver })
  await alice.send('wallet.create', { password: 'stale root test' })
  await alice.send('settings.update', { useRelayer: false })
  const { publicAddress } = await alice.send('wallet.state')
  await chain.fund(publicAddress!, 10n * token)
  const { activityId } = await alice.send('tx.shield', {
    pool: chain.deployment.pool,
    amount: `${5n * token}`,
  })
  expect(await alice.settled(activityId)).toMatchObject({ status: 'settled' })
}, 180_000)

afterAll(async () => {
  await chain?.stop()
})

describe('an approval left open while the pool moves on', () => {
  it('proves again after approval when the root fell out of the window', async () => {
    const keys = deriveKeys(generateMnemonic())
    const merchant = encodeAddress({
      ownerKey: keys.ownerKey,
      viewingPublicKey: keys.viewingKey.publicKey,
    })
    const site = siteClient(alice.background, shop)
    const connected = site.request('zkpay_connect')
    const windowId = () =>
      until(async () => {
        const url = alice.windows.urls()[0]
        return url
          ? (new URL(url, 'chrome-extension://x/').searchParams.get('request') ?? undefined)
          : undefined
      })
    await alice.send('approval.decide', { id: await windowId(), approve: true })
    resultOf(await connected)

    const paid = site.request('zkpay_pay', {
      to: merchant,
      amount: '1',
      token: chain.deployment.token,
    })
    const id = await windowId()
    const view = await until(async () => {
      const v = await alice.send('approval.get', { id })
      return v.proof?.stage === 'ready' ? v : undefined
    })
    const activityId = view.proof!.activityId

    // Someone else uses the pool, and the proof's root leaves the window of 64
    // the pool keeps. Sliding a root out of that ring takes 64 inserts (64 more
    // proofs; tests/contracts/epochTree.test.ts shows the ring forgets exactly
    // then): here one real insert gives the wallet a fresh root to prove against,
    // and the old root's ring slot is overwritten as the 64th insert would.
    const provedRoot = await latestBatchRoot()
    const other = await newWallet(chain, 100n * token)
    await other.shield(token / 100n)
    const freshRoot = await latestBatchRoot()
    expect(freshRoot).not.toBe(provedRoot)
    expect(await isKnownBatchRoot(provedRoot)).toBe(true)
    await forgetBatchRoot(provedRoot)
    expect(await isKnownBatchRoot(provedRoot)).toBe(false)
    expect(await isKnownBatchRoot(freshRoot)).toBe(true)

    await alice.send('approval.decide', { id, approve: true })
    const answer = await paid
    expect(codeOf(answer)).toBeUndefined()
    const receipt = parseReceipt(resultOf(answer))
    await verifyReceipt({
      publicClient: chain.publicClient,
      receipt,
      address: merchant,
      pool: chain.deployment.pool,
    })
    const loads = alice.events.filter(
      (e) =>
        e.event === 'proof.progress' &&
        e.data.activityId === activityId &&
        e.data.stage === 'loading',
    )
    expect(loads).toHaveLength(2)
  }, 300_000)
})
