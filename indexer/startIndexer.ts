/**
 * Starts the pool indexer (Ponder, this folder) as a child process and
 * resolves once its HTTP API answers. Node only: `npm run indexer`,
 * `npm start` and the tests use it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export type StartIndexerOptions = {
  /** The deployment file to index (lib/deploymentFile.ts shape). */
  deploymentFile: string
  /** Overrides the file's rpcUrl. */
  rpcUrl?: string
  /** Default: a free port. */
  port?: number
  /** Postgres; without it, PGlite in `pgliteDir`. */
  databaseUrl?: string
  /** Default: indexer/.ponder/pglite. */
  pgliteDir?: string
  /** Postgres schema (default "zkpay"). */
  schema?: string
  /** Milliseconds between polls for new blocks (default 200 on chain 31337, else 2 s). */
  pollingIntervalMs?: number
  /** How long to wait for the API (default 120 s: PGlite starts slowly on a busy machine). */
  timeoutMs?: number
  /** Each log line of the indexer (JSON, as Ponder writes it). */
  onLog?: (line: string) => void
}

export type RunningIndexer = {
  url: string
  port: number
  /** Resolves once the indexer has indexed up to `blockNumber` (by its /status). */
  waitForBlock(blockNumber: bigint, timeoutMs?: number): Promise<void>
  stop(): Promise<void>
}

const root = import.meta.dirname

function ponderBin(): string {
  // `ponder` exports only its ESM entry (dist/esm/index.js); the CLI sits beside it.
  return join(dirname(fileURLToPath(import.meta.resolve('ponder'))), 'bin', 'ponder.js')
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

async function indexedBlock(url: string): Promise<bigint | undefined> {
  try {
    const response = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2_000) })
    if (!response.ok) return undefined
    const status = (await response.json()) as Record<string, { block?: { number?: number } }>
    const number = Object.values(status)[0]?.block?.number
    return number === undefined ? undefined : BigInt(number)
  } catch {
    return undefined
  }
}

export async function startIndexer(options: StartIndexerOptions): Promise<RunningIndexer> {
  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ZKPAY_DEPLOYMENT: resolve(options.deploymentFile),
    PONDER_TELEMETRY_DISABLED: 'true',
    // One core's worth: the machine is shared.
    UV_THREADPOOL_SIZE: '2',
  }
  if (options.rpcUrl) env.ZKPAY_RPC_URL = options.rpcUrl
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl
  else delete env.DATABASE_URL
  if (options.pgliteDir) env.PONDER_PGLITE_DIR = resolve(options.pgliteDir)
  if (options.pollingIntervalMs) env.ZKPAY_INDEXER_POLL_MS = String(options.pollingIntervalMs)
  const args = [
    ponderBin(),
    'start',
    '--root',
    root,
    '--port',
    String(port),
    '--hostname',
    '127.0.0.1',
    '--schema',
    options.schema ?? 'zkpay',
    '--log-format',
    'json',
  ]
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let tail = ''
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8')
    tail = (tail + text).slice(-4_000)
    if (options.onLog) for (const line of text.split('\n')) if (line) options.onLog(line)
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let dead = false
  void exited.then(() => {
    dead = true
  })

  const stop = async () => {
    process.off('exit', killOnExit)
    if (!dead) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
  }

  const deadline = Date.now() + (options.timeoutMs ?? 120_000)
  for (;;) {
    if (dead) throw new Error(`The indexer exited before it answered:\n${tail}`)
    if ((await indexedBlock(url)) !== undefined) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`The indexer did not answer on ${url} in time:\n${tail}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }

  return {
    url,
    port,
    async waitForBlock(blockNumber, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs
      for (;;) {
        const block = await indexedBlock(url)
        if (block !== undefined && block >= blockNumber) return
        if (dead) throw new Error(`The indexer exited:\n${tail}`)
        if (Date.now() > until)
          throw new Error(`The indexer is at block ${block}, not ${blockNumber}, after ${timeoutMs} ms`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
    stop,
  }
}
