import 'fake-indexeddb/auto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isAddressEqual } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeAddress } from '../../lib/address.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { openBackground } from '../background/harness.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { FEE_FLAT, FEE_PER_GAS, type RelayerFixture, startRelayer } from '../relayer/fixture.js'

const token = 10n ** 18n
const password = 'correct horse battery'

/**
 * A relayer's front that forwards to `target` but, for a relay, once the
 * relayer has answered: drops the connection (`drop`) or never answers (`hang`).
 */
async function flakyFront(target: string, mode: 'drop' | 'hang') {
  const server: Server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const response = await fetch(`${target}${req.url}`, {
      method: req.method ?? 'GET',
      headers: { 'content-type': 'application/json' },
      ...(req.method === 'POST' ? { body } : {}),
    })
    const text = await response.text()
    if (req.method === 'POST') {
      if (mode === 'drop') req.socket.destroy()
      return // hang: the client never hears back
    }
    res.writeHead(response.status, { 'content-type': 'application/json' }).end(text)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

describe('several relayers: the cheapest healthy one, failover, never paid twice', () => {
  let chain: LocalChain
  let alice: ReturnType<typeof openBackground>
  let pool: `0x${string}`
  let cheap: RelayerFixture
  let other: RelayerFixture
  let pricey: RelayerFixture
  const stops: (() => Promise<void>)[] = []
  const bob = deriveKeys(generateMnemonic())
  const to = encodeAddress({ ownerKey: bob.ownerKey, viewingPublicKey: bob.viewingKey.publicKey })

  beforeAll(async () => {
    chain = await startLocalChain()
    pool = chain.deployment.pool
    ;[cheap, other, pricey] = await Promise.all([
      startRelayer(chain),
      startRelayer(chain),
      startRelayer(chain, { config: { FEE_FLAT: (FEE_FLAT * 3n).toString() } }),
    ])
    stops.push(
      () => other.stop(),
      () => pricey.stop(),
    )
    alice = openBackground(chain, { prover: nodeProver })
    await alice.send('wallet.create', { password })
    const { publicAddress } = await alice.send('wallet.state')
    await chain.fund(publicAddress!, 20n * token)
    const shield = await alice.send('tx.shield', { pool, amount: `${20n * token}` })
    expect(await alice.settled(shield.activityId)).toMatchObject({ status: 'settled' })
  })
  afterAll(async () => {
    for (const stop of stops) await stop().catch(() => {})
    await chain?.stop()
  })

  /** Pays Bob 1 token with these relayers; the settled activity and its transaction's sender. */
  async function pay(relayerUrls: string[]) {
    await alice.send('settings.update', { relayerUrls, useRelayer: true })
    const { activityId } = await alice.send('tx.send', { pool, to, amount: `${token}` })
    const activity = await alice.settled(activityId)
    expect(activity).toMatchObject({ status: 'settled' })
    const tx = await chain.publicClient.getTransaction({ hash: activity.txHash! })
    return { activity, from: tx.from }
  }
  const nonces = (...relayers: RelayerFixture[]) => Promise.all(relayers.map((r) => r.nonce()))

  it('pays through the cheapest healthy relayer, whatever its place in the list', async () => {
    const { activity, from } = await pay([pricey.url, cheap.url, other.url])
    expect(isAddressEqual(from, cheap.address)).toBe(true)
    expect(BigInt(activity.fee!)).toBe(FEE_FLAT + FEE_PER_GAS * 600_000n)
  })

  it('goes on through the next relayer once one of them is killed mid-session', async () => {
    await cheap.stop()
    const before = await nonces(other, pricey)
    const { from } = await pay([pricey.url, cheap.url, other.url])
    expect(isAddressEqual(from, other.address)).toBe(true)
    expect(await nonces(other, pricey)).toEqual([before[0]! + 1, before[1]])
    // And again: the wallet keeps paying with one relayer down.
    expect(isAddressEqual((await pay([cheap.url, other.url])).from, other.address)).toBe(true)
  })

  it('hands a payment the first relayer refused to the next, proved again with the same note', async () => {
    // Quotes the same fee for tx1 as `other`, but too little gas: it refuses the relay itself.
    const tight = await startRelayer(chain, {
      config: {
        GAS_ESTIMATE_TX1: '200000',
        FEE_FLAT: (FEE_FLAT + FEE_PER_GAS * 400_000n).toString(),
      },
    })
    stops.push(() => tight.stop())
    const before = await tight.nonce()
    const { from } = await pay([tight.url, other.url])
    expect(isAddressEqual(from, other.address)).toBe(true)
    expect(await tight.nonce()).toBe(before)
    expect(tight.logs.some((l) => l.includes('gas_over_quote'))).toBe(true)
  })

  it('a relay whose answer is lost is looked up on chain, and never sent again elsewhere', async () => {
    const front = await flakyFront(other.url, 'drop')
    stops.push(front.stop)
    const backup = await startRelayer(chain)
    stops.push(() => backup.stop())
    const [sent, spare] = await nonces(other, backup)
    const spentBefore = (await alice.db.notes.toArray()).filter((n) => n.status === 'spent').length
    const { from } = await pay([front.url, backup.url])
    // Landed through the relayer behind the front; the backup sent nothing.
    expect(isAddressEqual(from, other.address)).toBe(true)
    expect(await nonces(other, backup)).toEqual([sent! + 1, spare])
    const rows = await alice.db.notes.toArray()
    expect(rows.filter((n) => n.status === 'spent')).toHaveLength(spentBefore + 1)
    expect(rows.filter((n) => n.status === 'pending')).toEqual([])
  })

  it('a cancel after sending says the payment may still land, and tracks it until it does', async () => {
    const front = await flakyFront(other.url, 'hang')
    stops.push(front.stop)
    await alice.send('settings.update', { relayerUrls: [front.url], useRelayer: true })
    const sent = await other.nonce()
    const { activityId } = await alice.send('tx.send', { pool, to, amount: `${token}` })
    const deadline = Date.now() + 60_000
    while ((await other.nonce()) === sent && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    expect(await other.nonce()).toBe(sent + 1)
    expect(await alice.send('tx.cancel', { activityId })).toEqual({ status: 'tracking' })
    // The relayer never answers; the chain shows it landed.
    const activity = await alice.settled(activityId)
    expect(activity).toMatchObject({ status: 'settled' })
    const tx = await chain.publicClient.getTransaction({ hash: activity.txHash! })
    expect(isAddressEqual(tx.from, other.address)).toBe(true)
  })

  it('with no healthy relayer it refuses at once, and never sends from the public account', async () => {
    await alice.send('settings.update', { relayerUrls: [cheap.url], useRelayer: true })
    const { publicAddress } = await alice.send('wallet.state')
    const nonce = await chain.publicClient.getTransactionCount({ address: publicAddress! })
    const activities = await alice.db.activity.count()
    await expect(alice.send('tx.send', { pool, to, amount: `${token}` })).rejects.toMatchObject({
      code: 'no_relayer',
      message: expect.stringContaining(cheap.url),
    })
    expect(await alice.db.activity.count()).toBe(activities)
    expect((await alice.db.notes.toArray()).filter((n) => n.status === 'pending')).toEqual([])
    expect(await chain.publicClient.getTransactionCount({ address: publicAddress! })).toBe(nonce)
  })
})
