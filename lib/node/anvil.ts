import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { ChainError } from '../errors.js'
import { devMnemonic } from './devAccounts.js'

export type StartAnvilOptions = {
  /** Defaults to a free port. */
  port?: number
  /** Seconds between blocks; by default every transaction is mined at once. */
  blockTime?: number
  /** Defaults to anvil's 31337. */
  chainId?: number
  /** Defaults to `devMnemonic`. */
  mnemonic?: string
  /** How long to wait for the RPC to answer. Defaults to 30 seconds. */
  timeoutMs?: number
  /** More command-line arguments for anvil. */
  args?: string[]
}

export type Anvil = {
  rpcUrl: string
  port: number
  /** Stops the node and resolves once it has exited. */
  stop(): Promise<void>
}

/**
 * Starts a local anvil node on 127.0.0.1 (on a free port unless `port` is given) and
 * resolves once its RPC answers. Node only.
 *
 * @example
 * const anvil = await startAnvil()
 * const client = createPublicClient({ transport: http(anvil.rpcUrl) })
 * await anvil.stop()
 */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<Anvil> {
  const { blockTime, chainId, mnemonic = devMnemonic, timeoutMs = 30_000, args = [] } = options
  const port = options.port ?? (await freePort())
  const argv = ['--host', '127.0.0.1', '--port', String(port), '--silent', '--mnemonic', mnemonic]
  if (blockTime !== undefined) argv.push('--block-time', String(blockTime))
  if (chainId !== undefined) argv.push('--chain-id', String(chainId))
  argv.push(...args)

  const child = spawn(anvilBinary(), argv, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096)
  })
  const exited = new Promise<void>((resolve) => {
    if (hasExited(child)) resolve()
    else child.once('exit', () => resolve())
  })
  // No orphaned node when the caller exits without stopping it.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let spawnError: Error | undefined
  child.once('error', (error) => {
    spawnError = error
  })

  const rpcUrl = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (!hasExited(child)) child.kill('SIGTERM')
    await exited
    process.off('exit', killOnExit)
  }

  const deadline = Date.now() + timeoutMs
  for (;;) {
    const ready = await answers(rpcUrl)
    // Checked after the RPC answers too: another server may hold a given port.
    const failed =
      spawnError ??
      (hasExited(child)
        ? new Error(`anvil exited with ${child.exitCode ?? child.signalCode}`)
        : undefined)
    if (failed || (!ready && Date.now() > deadline)) {
      await stop()
      const message = failed
        ? 'anvil failed to start.'
        : `anvil did not answer within ${timeoutMs} ms.`
      throw new ChainError(message, { details: stderr.trim() || undefined, cause: failed })
    }
    if (ready) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { rpcUrl, port, stop }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

/** The platform binary of `@foundry-rs/anvil`, skipping its Node wrapper process. */
function anvilBinary(): string {
  const require = createRequire(import.meta.url)
  const arch = process.arch === 'x64' ? 'amd64' : process.arch
  const name = process.platform === 'win32' ? 'anvil.exe' : 'anvil'
  try {
    const path = require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/bin/${name}`)
    if (existsSync(path)) return path
  } catch {}
  throw new ChainError(`No anvil binary for ${process.platform}-${process.arch}.`, {
    details: 'Install @foundry-rs/anvil with its optional platform package.',
  })
}

/** A port that was free a moment ago: the OS picks it for a socket bound to port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('No free port.'))))
    })
  })
}

async function answers(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1_000),
    })
    return response.ok
  } catch {
    return false
  }
}
