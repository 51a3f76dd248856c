import { spawn } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InvalidConfigError } from '../../lib/errors.js'
import { loadRelayerConfig, parseRelayerConfig } from '../../relayer/config.js'

// anvil's public development key #1: never holds real funds.
const key = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const pool = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const rpc = 'http://127.0.0.1:8545'
const root = resolve(import.meta.dirname, '..', '..')

describe('relayer config', () => {
  it('takes the environment, with defaults for the rest', async () => {
    const config = await loadRelayerConfig({
      env: {
        RPC_URL: rpc,
        RELAYER_PRIVATE_KEY: key,
        POOLS: pool.toLowerCase(),
        FEE_FLAT: '1000',
        PATH: '/bin',
      },
    })
    expect(config).toMatchObject({
      rpcUrl: rpc,
      pools: [pool],
      // No FEE_PER_GAS: the fee follows the gas price, 2 base units per wei.
      fee: { flat: 1000n, gasPriceFactor: 2n },
      quoteTtlMs: 120_000,
      logClientIp: false,
      gasEstimate: { tx1: 600_000, tx2: 650_000, tx8: 900_000 },
      host: '127.0.0.1',
      rateLimit: { max: 60, windowMs: 60_000 },
    })
    expect(config.fee.perGas).toBeUndefined()
    const logging = await parseRelayerConfig({
      RPC_URL: rpc,
      RELAYER_PRIVATE_KEY: key,
      POOLS: pool,
      LOG_CLIENT_IP: '1',
    })
    expect(logging.logClientIp).toBe(true)
    await expect(
      parseRelayerConfig({
        RPC_URL: rpc,
        RELAYER_PRIVATE_KEY: key,
        POOLS: pool,
        LOG_CLIENT_IP: 'x',
      }),
    ).rejects.toThrow('Relayer config: LOG_CLIENT_IP must be 0 or 1.')
  })

  it('reads a --config file and deployment files, and the environment wins', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relayer-config-'))
    await writeFile(
      join(dir, 'local.json'),
      JSON.stringify({ chainId: 31337, token: pool, pool, rpcUrl: 'http://127.0.0.1:9999' }),
    )
    await writeFile(
      join(dir, 'relayer.json'),
      JSON.stringify({
        RELAYER_PRIVATE_KEY: key,
        POOLS: ['local.json'],
        FEE_PER_GAS: 5,
        PORT: 9000,
      }),
    )
    const config = await loadRelayerConfig({
      argv: ['--config', join(dir, 'relayer.json')],
      env: { PORT: '9100' },
    })
    expect(config).toMatchObject({
      rpcUrl: 'http://127.0.0.1:9999',
      chainId: 31337,
      pools: [pool],
      fee: { flat: 0n, perGas: 5n, gasPriceFactor: 2n },
      port: 9100,
    })
  })

  it('refuses a missing or malformed key or RPC with one clear line that never shows the key', async () => {
    const refusal = (raw: Record<string, unknown>) =>
      parseRelayerConfig(raw).then(
        () => expect.fail('accepted'),
        (error: unknown) => {
          expect(error).toBeInstanceOf(InvalidConfigError)
          const message = (error as Error).message
          expect(message).not.toContain('\n')
          expect(message).not.toContain(key.slice(2, 20))
          return message
        },
      )
    expect(await refusal({ RPC_URL: rpc, POOLS: pool })).toBe(
      'Relayer config: RELAYER_PRIVATE_KEY is missing (set it in the environment or the --config file).',
    )
    expect(
      await refusal({ RPC_URL: rpc, POOLS: pool, RELAYER_PRIVATE_KEY: key.slice(0, 40) }),
    ).toBe('Relayer config: RELAYER_PRIVATE_KEY must be 0x followed by 64 hex digits.')
    expect(
      await refusal({ RPC_URL: rpc, POOLS: pool, RELAYER_PRIVATE_KEY: `0x${'f'.repeat(64)}` }),
    ).toBe('Relayer config: RELAYER_PRIVATE_KEY is not a valid secp256k1 private key.')
    expect(await refusal({ POOLS: pool, RELAYER_PRIVATE_KEY: key })).toMatch(
      /^Relayer config: RPC_URL is missing/,
    )
    expect(
      await refusal({ RPC_URL: 'localhost:8545', POOLS: pool, RELAYER_PRIVATE_KEY: key }),
    ).toBe('Relayer config: RPC_URL must be an http(s) URL.')
    expect(await refusal({ RPC_URL: rpc, RELAYER_PRIVATE_KEY: key })).toMatch(/POOLS is missing/)
    expect(await refusal({ RPC_URL: rpc, POOLS: '0x1234', RELAYER_PRIVATE_KEY: key })).toMatch(
      /POOLS entry 0x1234 is not an address/,
    )
    expect(
      await refusal({ RPC_URL: rpc, POOLS: pool, RELAYER_PRIVATE_KEY: key, FEE_FLAT: '-1' }),
    ).toBe('Relayer config: FEE_FLAT must be a whole number.')
  })

  it('the service exits with that line when the key is missing', async () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', RPC_URL: rpc, POOLS: pool }
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['relayer/main.ts'], {
      cwd: root,
      env,
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const code = await new Promise<number | null>((done) => child.once('exit', done))
    expect(code).toBe(1)
    expect(stderr.trim()).toBe(
      'Relayer config: RELAYER_PRIVATE_KEY is missing (set it in the environment or the --config file).',
    )
  })
})
