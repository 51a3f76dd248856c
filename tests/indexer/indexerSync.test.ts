import { rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningIndexer, startIndexer } from '../../indexer/startIndexer.js'
import { createIndexerEventReader } from '../../lib/indexer/createIndexerEventReader.js'
import type { IndexerError } from '../../lib/indexer/errors.js'
import { syncPoolViaIndexer } from '../../lib/indexer/syncPoolViaIndexer.js'
import type { WireRow } from '../../lib/indexer/wireFormat.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { fillPool, freshSync, rpcState, shown, units, writeDeploymentFile } from './fixture.js'

// A real Ponder process (indexer/) over a real anvil with real pool
// transactions: a wallet that syncs through it ends where one that syncs
// through the RPC does, and when it is gone the wallet syncs from the RPC.

/** How a tampering proxy changes the rows the real indexer serves. */
type Tamper = (rows: WireRow[]) => WireRow[]

/** An HTTP server in front of the indexer that passes everything on and rewrites `/leaves` rows. */
async function tamperingProxy(
  target: string,
  tamper: () => Tamper,
): Promise<{ url: string; server: Server }> {
  const server = createServer(async (request, response) => {
    const upstream = await fetch(`${target}${request.url}`)
    let body = await upstream.text()
    if (request.url?.startsWith('/leaves') && upstream.ok) {
      const page = JSON.parse(body) as { rows: WireRow[] }
      body = JSON.stringify({ ...page, rows: tamper()(page.rows) })
    }
    response.writeHead(upstream.status, { 'content-type': 'application/json' })
    response.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

/** `row` with column `column` set to `value`. */
const withColumn = <K extends keyof WireRow & number>(
  row: WireRow,
  column: K,
  value: WireRow[K],
): WireRow => {
  const copy = [...row] as WireRow
  copy[column] = value
  return copy
}

/** Flips the last hex digit of a 0x value (still well formed). */
const flip = (hex: `0x${string}`): `0x${string}` =>
  `${hex.slice(0, -1)}${hex.endsWith('1') ? '2' : '1'}` as `0x${string}`

describe('the indexer', () => {
  let chain: LocalChain
  let pool: Awaited<ReturnType<typeof fillPool>>
  let indexer: RunningIndexer
  let dir: string
  beforeAll(async () => {
    chain = await startLocalChain()
    const deployment = writeDeploymentFile(chain)
    dir = deployment.dir
    // Started before the transactions: it indexes them live, as under `npm start`.
    ;[indexer, pool] = await Promise.all([
      startIndexer({ deploymentFile: deployment.file, pgliteDir: `${dir}/pglite` }),
      fillPool(chain),
    ])
    await indexer.waitForBlock(await chain.publicClient.getBlockNumber())
  }, 240_000)
  afterAll(async () => {
    await indexer?.stop()
    await chain?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('serves whole leaf ranges, each transaction once, in leaf order', async () => {
    const all = (await (await fetch(`${indexer.url}/leaves?from=0`)).json()) as {
      rows: WireRow[]
      next: number | null
    }
    expect(all.rows.map((r) => r[0])).toEqual([0, 2, 4, 6])
    expect(all.next).toBeNull()
    const middle = (await (await fetch(`${indexer.url}/leaves?from=2&to=6`)).json()) as {
      rows: WireRow[]
    }
    expect(middle.rows.map((r) => r[0])).toEqual([2, 4])
    const paged = (await (await fetch(`${indexer.url}/leaves?from=0&limit=3`)).json()) as {
      rows: WireRow[]
      next: number | null
    }
    expect(paged.rows).toHaveLength(3)
    expect(paged.next).toBe(6)
    const refused = await fetch(`${indexer.url}/leaves?from=-1`)
    expect(refused.status).toBe(400)
  })

  it('syncs a wallet from scratch to the state the RPC gives', async () => {
    for (const wallet of [pool.alice, pool.bob]) {
      const toBlock = await chain.publicClient.getBlockNumber()
      const reference = await rpcState(chain, wallet.keys, toBlock)
      const fallbacks: IndexerError[] = []
      const reader = createIndexerEventReader({
        url: indexer.url,
        publicClient: chain.publicClient,
        pool: chain.deployment.pool,
        onFallback: (e) => fallbacks.push(e),
      })
      const params = await freshSync(chain, wallet.keys)
      const result = await syncPoolViaIndexer({ ...params, toBlock, indexer: reader })
      expect(fallbacks).toEqual([])
      expect(result.source).toBe('indexer')
      expect(shown(params.state)).toEqual(shown(reference))
    }
    expect(shown(await rpcState(chain, pool.alice.keys)).balance).toBe(units('4.25'))
    expect(shown(await rpcState(chain, pool.bob.keys)).balance).toBe(units('0.75'))
  })

  it('syncs new blocks incrementally, the ones it has not indexed from the RPC', async () => {
    const params = await freshSync(chain, pool.bob.keys)
    const reader = createIndexerEventReader({
      url: indexer.url,
      publicClient: chain.publicClient,
      pool: chain.deployment.pool,
    })
    await syncPoolViaIndexer({ ...params, indexer: reader })
    const { blockNumber } = await pool.alice.pay(pool.bob.address, units('0.5'))
    // Asked at once, before the indexer has seen the block: its tail comes from the RPC.
    const late = await syncPoolViaIndexer({ ...params, toBlock: blockNumber, indexer: reader })
    expect(['indexer', 'indexer+rpc', 'rpc']).toContain(late.source)
    expect(late.received.map((n) => n.amount)).toEqual([units('0.5')])
    await indexer.waitForBlock(blockNumber)
    const rescan = await freshSync(chain, pool.bob.keys)
    const again = await syncPoolViaIndexer({ ...rescan, toBlock: blockNumber, indexer: reader })
    expect(again.source).toBe('indexer')
    expect(shown(rescan.state)).toEqual(shown(params.state))
    expect(shown(params.state)).toEqual(shown(await rpcState(chain, pool.bob.keys, blockNumber)))
  })

  it('a tampered indexer costs time, never a wrong balance or a stuck note', async () => {
    let tamper: Tamper = (rows) => rows
    const proxy = await tamperingProxy(indexer.url, () => tamper)
    try {
      const toBlock = await chain.publicClient.getBlockNumber()
      const cases: [string, Tamper, number][] = [
        // With no block compared against the chain's logs, the roots catch a changed leaf…
        [
          'a changed commitment',
          (rows) => rows.map((r, i) => (i === 1 ? withColumn(r, 3, flip(r[3])) : r)),
          0,
        ],
        // …the leaf count a missing transaction…
        ['a transaction left out', (rows) => rows.filter((_, i) => i !== 1), 0],
        // …and the chain's nullifiers a spend left out (Alice's 3 and Bob's 1 were spent).
        ['the spends left out', (rows) => rows.map((r) => withColumn(r, 5, [])), 0],
        // A ciphertext changed is caught by comparing blocks with the chain's logs.
        ['a changed ciphertext', (rows) => rows.map((r) => withColumn(r, 10, flip(r[10]))), 4],
      ]
      for (const [what, change, sampleBlocks] of cases) {
        tamper = change
        // What the wallet noticed: the indexer set aside, or spent flags the chain overturned.
        let noticed = 0
        for (const wallet of [pool.alice, pool.bob]) {
          const reference = await rpcState(chain, wallet.keys, toBlock)
          const reader = createIndexerEventReader({
            url: proxy.url,
            publicClient: chain.publicClient,
            pool: chain.deployment.pool,
            sampleBlocks,
            onFallback: () => noticed++,
          })
          const params = await freshSync(chain, wallet.keys)
          const result = await syncPoolViaIndexer({ ...params, toBlock, indexer: reader })
          if (result.source === 'indexer' && result.spent.length > 0) noticed++
          expect({ what, ...shown(params.state) }).toEqual({ what, ...shown(reference) })
        }
        expect({ what, noticed: noticed > 0 }).toEqual({ what, noticed: true })
      }
    } finally {
      proxy.server.close()
    }
  })

  it('falls back to the RPC when the indexer is down', async () => {
    await indexer.stop()
    const fallbacks: IndexerError[] = []
    const reader = createIndexerEventReader({
      url: indexer.url,
      publicClient: chain.publicClient,
      pool: chain.deployment.pool,
      onFallback: (e) => fallbacks.push(e),
    })
    const params = await freshSync(chain, pool.alice.keys)
    const result = await syncPoolViaIndexer({ ...params, indexer: reader })
    expect(result.source).toBe('rpc')
    expect(fallbacks.map((e) => e.reason)).toEqual(['unreachable'])
    expect(shown(params.state)).toEqual(shown(await rpcState(chain, pool.alice.keys)))
  })
})
