import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { isAddressEqual, parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliResult, type CliWorld, startCliWorld } from './cli.js'

const units = (amount: string) => parseUnits(amount, 18)

describe('zkpay CLI with relayers that fail', () => {
  let world: CliWorld
  // Accepts every connection and never answers a byte.
  let silent: Server
  let silentUrl: string
  const sockets = new Set<Socket>()
  const alice = (args: string[]) => world.run(['--home', join(world.dir, 'alice'), ...args])
  let address: string

  beforeAll(async () => {
    world = await startCliWorld()
    silent = createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => {})
    })
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`
    const init = await alice(['--json', 'init'])
    expect(init.code).toBe(0)
    const wallet = JSON.parse(init.stdout) as { address: string; account: `0x${string}` }
    address = wallet.address
    await world.chain.fund(wallet.account, units('10'))
    expect((await alice(['shield', '10'])).code).toBe(0)
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    silent?.close()
    await world?.stop()
  })

  const timed = async (run: Promise<CliResult>) => {
    const started = Date.now()
    const result = await run
    return { ...result, ms: Date.now() - started }
  }

  it('a relayer that never answers ends the command with a clear timeout within 30 s', async () => {
    const nonce = await world.chain.publicClient.getTransactionCount({
      address: world.relayerAddress,
    })
    const result = await timed(alice(['pay', address, '1', '--relayer', silentUrl]))
    expect(result.code).not.toBe(0)
    expect(result.ms).toBeLessThan(30_000)
    expect(result.stderr).toContain(
      `${silentUrl}: The relayer at ${silentUrl} did not answer within 10 s`,
    )
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    // Nothing was sent by anyone, and the balance is whole.
    expect(
      await world.chain.publicClient.getTransactionCount({ address: world.relayerAddress }),
    ).toBe(nonce)
    const balance = JSON.parse((await alice(['--json', 'balance'])).stdout)
    expect(balance.shielded).toBe('10')
  })

  it('pays through the next relayer when the first never answers', async () => {
    const result = await timed(
      alice(['--json', 'pay', address, '1', '--relayer', silentUrl, '--relayer', world.relayerUrl]),
    )
    expect(result.code).toBe(0)
    const paid = JSON.parse(result.stdout) as { txHash: `0x${string}` }
    const tx = await world.chain.publicClient.getTransaction({ hash: paid.txHash })
    expect(isAddressEqual(tx.from, world.relayerAddress)).toBe(true)
  })
})
