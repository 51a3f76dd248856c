import 'fake-indexeddb/auto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { openBackground } from './harness.js'

// Settings.backupRpcUrls: when the first RPC fails, requests go to the next
// (viem's fallback transport, lib/rpcTransport.ts), so a dead node stops
// neither sync nor a payment.

let chain: LocalChain
let failing: Server
let failingUrl: string
/** A port nothing listens on: the connection is refused. */
let refusedUrl: string

beforeAll(async () => {
  chain = await startLocalChain()
  failing = createServer((_, res) => res.writeHead(503).end('overloaded'))
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve))
  failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
  await new Promise((resolve) => closed.close(resolve))
}, 60_000)

afterAll(async () => {
  failing?.close()
  await chain?.stop()
})

describe('backup RPCs', () => {
  it('syncs and shields through the backup while the first RPC refuses connections', async () => {
    const wallet = openBackground(chain, {
      prover: nodeProver,
      rpcUrls: [refusedUrl, chain.anvil.rpcUrl],
    })
    await wallet.send('wallet.create', { password: 'correct horse battery' })
    await wallet.send('settings.update', { useRelayer: false })
    await chain.fund((await wallet.send('wallet.state')).publicAddress!, 10n ** 18n)
    expect(await wallet.send('sync.now')).toMatchObject({ state: 'idle' })
    const { activityId } = await wallet.send('tx.shield', {
      pool: chain.deployment.pool,
      amount: '100',
    })
    expect(await wallet.settled(activityId)).toMatchObject({ status: 'settled' })
    expect(await wallet.send('sync.now')).toMatchObject({ state: 'idle' })
    expect(await wallet.db.notes.filter((n) => n.amount !== '0').count()).toBe(1)
  }, 60_000)

  it('syncs through the backup while the first RPC answers 503', async () => {
    const wallet = openBackground(chain, {
      prover: nodeProver,
      rpcUrls: [failingUrl, chain.anvil.rpcUrl],
    })
    await wallet.send('wallet.create', { password: 'correct horse battery' })
    const synced = await wallet.send('sync.now')
    expect(synced).toMatchObject({ state: 'idle' })
    expect(BigInt(synced.syncedBlock)).toBe(await chain.publicClient.getBlockNumber())
  }, 60_000)

  it('without a backup the same dead RPC is an error the sync line shows', async () => {
    const wallet = openBackground(chain, { prover: nodeProver, rpcUrls: [refusedUrl] })
    await wallet.send('wallet.create', { password: 'correct horse battery' })
    expect(await wallet.send('sync.now')).toMatchObject({ state: 'error' })
  }, 60_000)
})
