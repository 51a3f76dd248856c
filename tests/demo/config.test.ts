import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemoConfig } from '../../demo/config.js'
import { encodeAddress } from '../../lib/address.js'

const address = (ownerKey: bigint) =>
  encodeAddress({ ownerKey, viewingPublicKey: new Uint8Array(32).fill(Number(ownerKey)) })
const merchant = address(1n)
const creator = address(2n)
const deployment = {
  chainId: 31337,
  token: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  pool: '0xdc64a140aa3e981100a9beca4e685f962f0cf6c9',
  verifiers: {},
  blockNumber: '5',
  rpcUrl: 'http://127.0.0.1:8545',
}

describe('loadDemoConfig', () => {
  let cwd: string
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'zkpay-demo-'))
    mkdirSync(join(cwd, 'deployments'))
    writeFileSync(join(cwd, 'deployments', 'local.json'), JSON.stringify(deployment))
    writeFileSync(join(cwd, 'other.json'), JSON.stringify({ ...deployment, rpcUrl: undefined }))
    writeFileSync(join(cwd, 'broken.json'), '{"chainId": 31337')
    writeFileSync(join(cwd, 'nopool.json'), JSON.stringify({ ...deployment, pool: 'nowhere' }))
  })
  afterAll(() => rmSync(cwd, { recursive: true, force: true }))

  const env = { DEMO_MERCHANT_ADDRESS: merchant, DEMO_CREATOR_ADDRESS: creator }
  const refusal = (argv: string[], environment: Record<string, string> = env) =>
    loadDemoConfig({ argv, env: environment, cwd }).then(
      () => 'started',
      (error: Error) => error.message,
    )

  it('reads deployments/local.json and the addresses, with the default host and ports', async () => {
    expect(await loadDemoConfig({ env, cwd })).toEqual({
      rpcUrl: 'http://127.0.0.1:8545',
      deployment: {
        chainId: 31337,
        token: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
        pool: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9',
        blockNumber: 5n,
        epochLevels: 20,
      },
      merchantAddress: merchant,
      creatorAddress: creator,
      host: '127.0.0.1',
      checkoutPort: 8550,
      tipJarPort: 8551,
    })
  })

  it('lets flags win over the environment', async () => {
    const config = await loadDemoConfig({
      argv: ['--merchant', creator, '--checkout-port', '0', '--rpc', 'http://localhost:9545'],
      env: { ...env, DEMO_CHECKOUT_PORT: '9000', DEMO_TIP_JAR_PORT: '9001' },
      cwd,
    })
    expect(config).toMatchObject({
      merchantAddress: creator,
      checkoutPort: 0,
      tipJarPort: 9001,
      rpcUrl: 'http://localhost:9545',
    })
  })

  it('refuses to start with one line naming what is missing or wrong', async () => {
    expect(await refusal([], { DEMO_CREATOR_ADDRESS: creator })).toBe(
      'Demo config: --merchant (DEMO_MERCHANT_ADDRESS) is missing: the zkpay1… address the checkout is paid to.',
    )
    expect(await refusal(['--creator', merchant.slice(0, -1)])).toBe(
      'Demo config: --creator (DEMO_CREATOR_ADDRESS): The address has 115 characters instead of 116: part of it is missing or extra.',
    )
    expect(await refusal(['--deployment', 'missing.json'])).toBe(
      `Demo config: ${resolve(cwd, 'missing.json')} does not exist: run npm start first, or name a deployment file with --deployment.`,
    )
    expect(await refusal(['--deployment', 'broken.json'])).toMatch(/broken\.json is not JSON\.$/)
    expect(await refusal(['--deployment', 'nopool.json'])).toMatch(
      /nopool\.json is not a deployment: pool is missing or malformed\.$/,
    )
    expect(await refusal(['--deployment', 'other.json'])).toMatch(
      /^Demo config: --rpc \(RPC_URL\) is missing and .*other\.json names no rpcUrl\.$/,
    )
    expect(await refusal(['--tip-jar-port', '70000'])).toBe(
      'Demo config: --tip-jar-port (DEMO_TIP_JAR_PORT) must be a port, 0 to 65535.',
    )
    expect(await refusal(['--colour', 'blue'])).toBe("Demo config: Unknown option '--colour'.")
    expect(await refusal(['--rpc', 'ws://127.0.0.1:8545'])).toBe(
      'Demo config: --rpc (RPC_URL) must be an http(s) URL.',
    )
  })

  it('makes demo/main.ts exit with that one line', () => {
    const main = resolve(import.meta.dirname, '../../demo/main.ts')
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx')
    const run = spawnSync(tsx, [main], { cwd, env: { PATH: process.env.PATH }, encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr.trim()).toBe(
      'Demo config: --merchant (DEMO_MERCHANT_ADDRESS) is missing: the zkpay1… address the checkout is paid to.',
    )
  })
})
