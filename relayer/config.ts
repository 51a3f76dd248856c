import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import { type Address, getAddress, type Hex, isAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { z } from 'zod'
import { InvalidConfigError } from '../lib/errors.js'
import type { GasEstimates } from '../lib/relayer/types.js'

/** Everything the relayer runs with, parsed and checked. */
export type RelayerConfig = {
  rpcUrl: string
  /** The sender account's key: pays the gas and receives the fees. Never logged. */
  privateKey: Hex
  pools: Address[]
  /** The chain the deployment files name, if any: checked against the RPC's at start. */
  chainId?: number
  /**
   * Fee rule in token base units: `fee >= flat + perGas * gas`. Without a
   * fixed `perGas`, it follows the chain: `gasPrice * gasPriceFactor` (token
   * base units per wei), so that the relayer never pays for what it relays.
   */
  fee: { flat: bigint; perGas?: bigint; gasPriceFactor: bigint }
  /** How long a signed quote holds (ms): the relayer honours it that long. */
  quoteTtlMs: number
  /** Log client IP addresses (off by default: a relay's IP next to its hash deanonymises it). */
  logClientIp: boolean
  /** Gas quoted per circuit for fees before proving; the relayer never charges for more. */
  gasEstimate: GasEstimates
  /**
   * Fees accrue to the relayer inside the pool (docs/contracts.md); once a pool holds
   * this many base units for it, it withdraws them after the next relay. 0: never
   * by itself.
   */
  feeWithdrawAt: bigint
  host: string
  port: number
  /** Requests per client IP per window. */
  rateLimit: { max: number; windowMs: number }
  /** Longest time a client may take to send its request. */
  requestTimeoutMs: number
  /** Longest wait for a relayed transaction's inclusion before answering `relay_failed`. */
  receiptTimeoutMs: number
  pollingIntervalMs: number
  /**
   * The circuits directory whose verification keys it checks proofs with
   * (`CIRCUITS_DIR`, e.g. one `npm run ceremony -- install --to DIR` wrote);
   * default public/circuits.
   */
  circuitsDir?: string
  /** The ceremony transcript the deployment files' verifiers come from, if they name one. */
  transcriptSha256?: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

/** The settings, by the names used in the environment and in a `--config` JSON file. */
export const configKeys = [
  'RPC_URL',
  'RELAYER_PRIVATE_KEY',
  'POOLS',
  'FEE_FLAT',
  'FEE_PER_GAS',
  'FEE_GAS_PRICE_FACTOR',
  'FEE_WITHDRAW_AT',
  'QUOTE_TTL_MS',
  'GAS_ESTIMATE_TX1',
  'GAS_ESTIMATE_TX2',
  'GAS_ESTIMATE_TX8',
  'HOST',
  'PORT',
  'RATE_LIMIT',
  'RATE_LIMIT_WINDOW_MS',
  'REQUEST_TIMEOUT_MS',
  'RECEIPT_TIMEOUT_MS',
  'POLLING_INTERVAL_MS',
  'LOG_LEVEL',
  'LOG_CLIENT_IP',
  'CIRCUITS_DIR',
] as const

export type RawRelayerConfig = Partial<Record<(typeof configKeys)[number], unknown>>

const missing = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is missing' : what

const text = (what: string) =>
  z
    .string({ error: missing(what) })
    .trim()
    .min(1, what)

// JSON files may hold numbers; the environment only strings.
const wholeNumber = z
  .union([z.string(), z.number()], { error: 'must be a whole number' })
  .transform((value, ctx) => {
    const s = String(value).trim()
    if (/^\d+$/.test(s)) return BigInt(s)
    ctx.addIssue({ code: 'custom', message: 'must be a whole number' })
    return z.NEVER
  })

const count = (min: number, max: number) =>
  wholeNumber.transform((value, ctx) => {
    if (value >= BigInt(min) && value <= BigInt(max)) return Number(value)
    ctx.addIssue({ code: 'custom', message: `must be between ${min} and ${max}` })
    return z.NEVER
  })

const privateKey = text('must be 0x followed by 64 hex digits').transform((value, ctx) => {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be 0x followed by 64 hex digits' })
    return z.NEVER
  }
  try {
    privateKeyToAccount(value as Hex)
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a valid secp256k1 private key' })
    return z.NEVER
  }
  return value as Hex
})

const rpcUrl = text('must be an http(s) URL').pipe(
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
)

const pools = z
  .union([z.string(), z.array(z.string())], {
    error: missing('must be pool addresses or deployment files, comma-separated'),
  })
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(',')).map((entry) => entry.trim()).filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1, 'names no pool'))

const schema = z.object({
  RPC_URL: rpcUrl.optional(),
  RELAYER_PRIVATE_KEY: privateKey,
  POOLS: pools,
  FEE_FLAT: wholeNumber.default(0n),
  FEE_PER_GAS: wholeNumber.optional(),
  FEE_GAS_PRICE_FACTOR: wholeNumber
    .refine((n) => n > 0n, 'must be at least 1 (token base units per wei)')
    .default(2n),
  QUOTE_TTL_MS: count(1_000, 3_600_000).default(120_000),
  FEE_WITHDRAW_AT: wholeNumber.default(0n),
  GAS_ESTIMATE_TX1: count(21_000, 30_000_000).default(600_000),
  GAS_ESTIMATE_TX2: count(21_000, 30_000_000).default(650_000),
  GAS_ESTIMATE_TX8: count(21_000, 30_000_000).default(900_000),
  HOST: text('must be a host name or IP address').default('127.0.0.1'),
  PORT: count(0, 65_535).default(8547),
  RATE_LIMIT: count(1, 1_000_000).default(60),
  RATE_LIMIT_WINDOW_MS: count(1, 86_400_000).default(60_000),
  REQUEST_TIMEOUT_MS: count(1, 3_600_000).default(10_000),
  RECEIPT_TIMEOUT_MS: count(1, 3_600_000).default(120_000),
  POLLING_INTERVAL_MS: count(10, 60_000).default(1_000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  CIRCUITS_DIR: text('must be a directory').optional(),
  LOG_CLIENT_IP: z
    .union([z.string(), z.boolean(), z.number()])
    .transform((v, ctx) => {
      const t = String(v).trim().toLowerCase()
      if (['1', 'true', 'yes'].includes(t)) return true
      if (['0', 'false', 'no', ''].includes(t)) return false
      ctx.addIssue({ code: 'custom', message: 'must be 0 or 1' })
      return z.NEVER
    })
    .default(false),
})

/**
 * Checks raw settings (environment names, see {@link configKeys}) and reads the
 * deployment files named in `POOLS`, relative to `baseDir`. Throws an
 * InvalidConfigError with a one-line message naming the setting; the key's
 * value never appears in it.
 */
export async function parseRelayerConfig(
  raw: RawRelayerConfig,
  options: { baseDir?: string } = {},
): Promise<RelayerConfig> {
  const result = schema.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const hint =
      issue.message === 'is missing' ? ' (set it in the environment or the --config file)' : ''
    throw new InvalidConfigError(`Relayer config: ${issue.path.join('.')} ${issue.message}${hint}.`)
  }
  const c = result.data
  const resolved = await resolvePools(c.POOLS, options.baseDir ?? process.cwd())
  const url = c.RPC_URL ?? resolved.rpcUrl
  if (!url)
    throw new InvalidConfigError(
      'Relayer config: RPC_URL is missing (set it, or name a deployment file that has rpcUrl in POOLS).',
    )
  return {
    rpcUrl: url,
    privateKey: c.RELAYER_PRIVATE_KEY,
    pools: resolved.pools,
    ...(resolved.chainId !== undefined ? { chainId: resolved.chainId } : {}),
    fee: {
      flat: c.FEE_FLAT,
      ...(c.FEE_PER_GAS !== undefined ? { perGas: c.FEE_PER_GAS } : {}),
      gasPriceFactor: c.FEE_GAS_PRICE_FACTOR,
    },
    quoteTtlMs: c.QUOTE_TTL_MS,
    logClientIp: c.LOG_CLIENT_IP,
    gasEstimate: { tx1: c.GAS_ESTIMATE_TX1, tx2: c.GAS_ESTIMATE_TX2, tx8: c.GAS_ESTIMATE_TX8 },
    feeWithdrawAt: c.FEE_WITHDRAW_AT,
    host: c.HOST,
    port: c.PORT,
    rateLimit: { max: c.RATE_LIMIT, windowMs: c.RATE_LIMIT_WINDOW_MS },
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
    receiptTimeoutMs: c.RECEIPT_TIMEOUT_MS,
    pollingIntervalMs: c.POLLING_INTERVAL_MS,
    ...(c.CIRCUITS_DIR
      ? { circuitsDir: resolve(options.baseDir ?? process.cwd(), c.CIRCUITS_DIR) }
      : {}),
    ...(resolved.transcriptSha256 ? { transcriptSha256: resolved.transcriptSha256 } : {}),
    logLevel: c.LOG_LEVEL,
  }
}

const deploymentFile = z.object({
  pool: z.string().refine((a) => isAddress(a, { strict: false }), 'is not an address'),
  chainId: z.number().int().positive().optional(),
  rpcUrl: z.string().optional(),
  setup: z
    .object({
      kind: z.string().optional(),
      transcriptSha256: z.string().optional(),
      mixed: z.object({ transcriptSha256: z.string().optional() }).optional(),
    })
    .optional(),
})

/** `POOLS` entries are pool addresses or deployment files (`{ chainId, pool, rpcUrl, ... }`). */
async function resolvePools(entries: string[], baseDir: string) {
  const pools: Address[] = []
  let chainId: number | undefined
  let rpcUrl: string | undefined
  let transcriptSha256: string | undefined
  for (const entry of entries) {
    if (isAddress(entry, { strict: false })) {
      pools.push(getAddress(entry))
      continue
    }
    if (entry.startsWith('0x'))
      throw new InvalidConfigError(`Relayer config: POOLS entry ${entry} is not an address.`)
    const path = isAbsolute(entry) ? entry : resolve(baseDir, entry)
    let json: unknown
    try {
      json = JSON.parse(await readFile(path, 'utf8'))
    } catch (error) {
      const why =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not JSON'
      throw new InvalidConfigError(`Relayer config: POOLS deployment file ${path} ${why}.`)
    }
    const deployment = deploymentFile.safeParse(json)
    if (!deployment.success)
      throw new InvalidConfigError(
        `Relayer config: POOLS deployment file ${path} has no valid pool address.`,
      )
    const d = deployment.data
    if (chainId !== undefined && d.chainId !== undefined && d.chainId !== chainId)
      throw new InvalidConfigError('Relayer config: POOLS deployment files name different chains.')
    chainId ??= d.chainId
    rpcUrl ??= d.rpcUrl
    transcriptSha256 ??=
      d.setup?.kind === 'ceremony' ? d.setup.transcriptSha256 : d.setup?.mixed?.transcriptSha256
    pools.push(getAddress(d.pool))
  }
  const unique = [...new Set(pools)]
  return { pools: unique, chainId, rpcUrl, transcriptSha256 }
}

/**
 * The relayer's configuration from a JSON file (`--config path` in `argv`,
 * keys as in the environment) and the environment, which wins. Deployment
 * files in the config file are relative to it, those in the environment to `cwd`.
 */
export async function loadRelayerConfig(params: {
  argv?: readonly string[]
  env?: Record<string, string | undefined>
  cwd?: string
}): Promise<RelayerConfig> {
  const { argv = [], env = {}, cwd = process.cwd() } = params
  const i = argv.indexOf('--config')
  let file: RawRelayerConfig = {}
  let baseDir = cwd
  if (i >= 0) {
    const path = argv[i + 1]
    if (!path) throw new InvalidConfigError('Relayer config: --config needs a file path.')
    const full = resolve(cwd, path)
    try {
      file = JSON.parse(await readFile(full, 'utf8'))
    } catch {
      throw new InvalidConfigError(`Relayer config: ${full} is not a readable JSON file.`)
    }
    if (typeof file !== 'object' || file === null || Array.isArray(file))
      throw new InvalidConfigError(`Relayer config: ${full} must hold a JSON object.`)
    baseDir = dirname(full)
  }
  const fromEnv: RawRelayerConfig = {}
  for (const key of configKeys) {
    const value = env[key]
    if (value !== undefined && value !== '') fromEnv[key] = value
  }
  // Deployment files named in the environment are relative to the working directory.
  if (fromEnv.POOLS !== undefined)
    return parseRelayerConfig({ ...file, ...fromEnv }, { baseDir: cwd })
  return parseRelayerConfig({ ...file, ...fromEnv }, { baseDir })
}
