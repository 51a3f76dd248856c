import { join } from 'node:path'
import { parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliWorld, startCliWorld } from './cli.js'

// `--rpc` repeated: the first RPC preferred, the others tried in order when it
// fails (lib/rpcTransport.ts), so a dead node does not stop a command.

describe('zkpay CLI with backup RPCs', () => {
  let world: CliWorld
  const dead = 'http://127.0.0.1:9'
  const alice = (args: string[]) => world.run(['--home', join(world.dir, 'alice'), ...args])

  beforeAll(async () => {
    world = await startCliWorld()
  })
  afterAll(async () => {
    await world?.stop()
  })

  it('shields and reads the balance through the backup while the first RPC is dead', async () => {
    const rpcs = ['--rpc', dead, '--rpc', world.chain.anvil.rpcUrl]
    const init = await alice(['--json', ...rpcs, 'init'])
    expect(init.code, init.stderr).toBe(0)
    const { account } = JSON.parse(init.stdout) as { account: `0x${string}` }
    await world.chain.fund(account, parseUnits('5', 18))
    // Saved by init: later commands use both without --rpc.
    const shield = await alice(['shield', '5'])
    expect(shield.code, shield.stderr).toBe(0)
    const balance = await alice(['--json', 'balance'])
    expect(balance.code, balance.stderr).toBe(0)
    expect(JSON.parse(balance.stdout)).toMatchObject({ shielded: '5' })
    const config = await alice(['--json', 'config'])
    expect(JSON.parse(config.stdout)).toMatchObject({
      rpcUrl: [dead, world.chain.anvil.rpcUrl],
    })
  }, 120_000)

  it('the dead RPC alone is a clear error', async () => {
    const result = await alice(['--rpc', dead, 'balance'])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/Cannot reach the chain at http:\/\/127\.0\.0\.1:9/)
  }, 60_000)
})
