import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createPublicClient, createTestClient, http, parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPoolWallet } from '../../../lib/wallet/createPoolWallet.js'
import { type LocalChain, startLocalChain } from '../../helpers/localChain.js'
import { nodeProver } from '../../helpers/prover.js'
import { newWallet } from '../../helpers/wallets.js'

// A sync through an RPC with a public provider's limits: eth_getLogs refused
// past a 25-block span or past two results (a block holds two), and one flaky moment. The
// pool's history is spread over 200 blocks with a dense stretch.

const MAX_SPAN = 25n
const MAX_RESULTS = 2

type RpcRequest = {
  id: number
  method: string
  params?: { fromBlock?: string; toBlock?: string }[]
}

function limitingProxy(upstream: string) {
  let getLogs = 0
  const server: Server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const request = JSON.parse(body) as RpcRequest
    const answer = (payload: unknown, status = 200) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(payload))
    }
    if (request.method === 'eth_getLogs') {
      getLogs++
      if (getLogs === 2) return answer({ error: 'bad gateway' }, 502)
      const filter = request.params?.[0] ?? {}
      const span = BigInt(filter.toBlock ?? '0x0') - BigInt(filter.fromBlock ?? '0x0') + 1n
      if (span > MAX_SPAN)
        return answer({
          jsonrpc: '2.0',
          id: request.id,
          error: { code: -32600, message: `eth_getLogs is limited to a ${MAX_SPAN} block range` },
        })
    }
    const upstreamAnswer = await fetch(upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    const json = (await upstreamAnswer.json()) as { result?: unknown }
    if (
      request.method === 'eth_getLogs' &&
      Array.isArray(json.result) &&
      json.result.length > MAX_RESULTS
    )
      return answer({
        jsonrpc: '2.0',
        id: request.id,
        error: { code: -32005, message: `query returned more than ${MAX_RESULTS} results` },
      })
    answer(json)
  })
  return {
    server,
    getLogsCalls: () => getLogs,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
  }
}

describe('sync through a limited RPC', () => {
  let chain: LocalChain
  let proxy: ReturnType<typeof limitingProxy>
  let proxyUrl: string

  beforeAll(async () => {
    chain = await startLocalChain()
    proxy = limitingProxy(chain.anvil.rpcUrl)
    proxyUrl = await proxy.listen()
  })
  afterAll(async () => {
    proxy?.server.close()
    await chain?.stop()
  })

  it('completes, with every note, by splitting what the node refuses', async () => {
    const units = (x: string) => parseUnits(x, 18)
    const alice = await newWallet(chain, units('100'))
    const testClient = createTestClient({ mode: 'anvil', transport: http(chain.anvil.rpcUrl) })
    // Two shields in one block (a dense stretch: two results in a block), then others far apart.
    const bob = await newWallet(chain, units('100'))
    await testClient.setAutomine(false)
    const both = Promise.all([alice.shield(units('1')), bob.shield(units('2'))])
    for (let tries = 0; ; tries++) {
      const pool = (await testClient.request({ method: 'txpool_status' } as never)) as {
        pending: string | number
      }
      if (Number(pool.pending) >= 2) break
      if (tries > 600) throw new Error('the two shields were never sent')
      await new Promise((r) => setTimeout(r, 100))
    }
    await testClient.mine({ blocks: 1 })
    await testClient.setAutomine(true)
    await both
    await testClient.mine({ blocks: 80 })
    await alice.shield(units('3'))
    await testClient.mine({ blocks: 120 })
    await alice.shield(units('4'))
    await alice.sync()
    const expected = alice.balance()

    const watcher = await createPoolWallet({
      keys: alice.keys,
      publicClient: createPublicClient({ transport: http(proxyUrl, { retryCount: 0 }) }),
      walletClient: chain.walletClientFor(alice.keys.account),
      deployment: chain.deployment,
      prover: nodeProver,
    })
    await watcher.sync()
    expect(watcher.balance()).toBe(expected)
    expect(watcher.state.tree.size).toBe(alice.state.tree.size)
    expect(proxy.getLogsCalls()).toBeGreaterThan(10)
  })
})
