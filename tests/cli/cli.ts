import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { parseRelayerConfig } from '../../relayer/config.js'
import { createRelayerServer } from '../../relayer/server.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'

const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'zkpay.mjs')

/** The password every test wallet is sealed with. */
export const PASSWORD = 'correct horse battery'

/** Relayer fee rule of these tests: 0.001 token flat plus 1e9 base units per gas. */
export const FEE_FLAT = 10n ** 15n
export const FEE_PER_GAS = 10n ** 9n

export type CliResult = { code: number; stdout: string; stderr: string }

export type CliWorld = {
  chain: LocalChain
  /** A temporary folder for homes, the deployment file and receipts. */
  dir: string
  deploymentFile: string
  relayerUrl: string
  relayerAddress: `0x${string}`
  /** Runs `node bin/zkpay.mjs --deployment <file> <args>` with a low scrypt cost. */
  run(args: readonly string[], options?: RunOptions): Promise<CliResult>
  stop(): Promise<void>
}

export type RunOptions = { env?: Record<string, string | undefined>; input?: string }

/**
 * A fresh anvil with the pool, its deployment file in a temporary folder,
 * and a relayer on 127.0.0.1 at a free port, for driving the CLI as a
 * subprocess. The subprocess must not block the event loop the relayer
 * answers on, hence `spawn`.
 */
export async function startCliWorld(): Promise<CliWorld> {
  const chain = await startLocalChain()
  const dir = await mkdtemp(join(tmpdir(), 'zkpay-cli-'))
  const deploymentFile = join(dir, 'deployment.json')
  const { deployment } = chain
  await writeFile(
    deploymentFile,
    JSON.stringify({
      chainId: deployment.chainId,
      token: deployment.token,
      pool: deployment.pool,
      blockNumber: deployment.blockNumber.toString(),
      rpcUrl: chain.anvil.rpcUrl,
    }),
  )
  const privateKey = generatePrivateKey()
  const relayerAddress = privateKeyToAccount(privateKey).address
  await chain.fund(relayerAddress, 0n)
  const config = await parseRelayerConfig({
    RPC_URL: chain.anvil.rpcUrl,
    RELAYER_PRIVATE_KEY: privateKey,
    POOLS: deployment.pool,
    FEE_FLAT: FEE_FLAT.toString(),
    FEE_PER_GAS: FEE_PER_GAS.toString(),
    POLLING_INTERVAL_MS: '50',
    RATE_LIMIT: '1000',
    LOG_LEVEL: 'silent',
  })
  const server: FastifyInstance = await createRelayerServer(config, { logger: false })
  await server.listen({ port: 0, host: '127.0.0.1' })
  const { port } = server.server.address() as AddressInfo

  return {
    chain,
    dir,
    deploymentFile,
    relayerUrl: `http://127.0.0.1:${port}`,
    relayerAddress,
    run: (args, options = {}) =>
      runCli(['--deployment', deploymentFile, ...args], {
        ...options,
        env: { ZKPAY_PASSWORD: PASSWORD, ...options.env },
      }),
    async stop() {
      await server.close()
      await chain.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Runs the CLI as a real process; stdin gets `input` (or nothing) and is closed. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ZKPAY_HOME: undefined,
    ZKPAY_PASSWORD: undefined,
    ZKPAY_SCRYPT_N: '1024',
    ...options.env,
  }
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key]
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', fail)
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}
