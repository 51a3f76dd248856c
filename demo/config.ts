import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { type Address, getAddress, isAddress } from 'viem'
import { z } from 'zod'
import { decodeAddress } from '../lib/address.js'
import { BaseError, InvalidConfigError } from '../lib/errors.js'
import type { StartDemoSitesOptions } from './startDemoSites.js'

/** Everything `startDemoSites` needs but the logger, parsed and checked. */
export type DemoConfig = Required<Omit<StartDemoSitesOptions, 'logger' | 'minConfirmations'>>

/** Each setting: its flag, its environment variable, and what it is for messages. */
const settings = {
  rpc: { env: 'RPC_URL', what: 'the RPC URL' },
  deployment: { env: 'DEMO_DEPLOYMENT', what: 'the deployment file' },
  merchant: { env: 'DEMO_MERCHANT_ADDRESS', what: 'the zkpay1… address the checkout is paid to' },
  creator: { env: 'DEMO_CREATOR_ADDRESS', what: 'the zkpay1… address the tip jar is paid to' },
  host: { env: 'DEMO_HOST', what: 'the host to listen on' },
  'checkout-port': { env: 'DEMO_CHECKOUT_PORT', what: 'the checkout port' },
  'tip-jar-port': { env: 'DEMO_TIP_JAR_PORT', what: "the tip jar's port" },
} as const

type Setting = keyof typeof settings

/** The usage line `demo/main.ts` prints with `--help`. */
export const usage = `Usage: tsx demo/main.ts --merchant <zkpay1…> --creator <zkpay1…> [--deployment deployments/local.json] [--rpc <url>] [--host 127.0.0.1] [--checkout-port 8550] [--tip-jar-port 8551]
Each flag can be set in the environment instead: ${Object.entries(settings)
  .map(([flag, { env }]) => `--${flag} ${env}`)
  .join(', ')}.`

const deploymentFile = z.object({
  chainId: z.number().int().positive(),
  pool: z.string().refine((a) => isAddress(a, { strict: false })),
  token: z.string().refine((a) => isAddress(a, { strict: false })),
  blockNumber: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]),
  epochLevels: z.number().int().min(5).max(20).optional(),
  rpcUrl: z.string().optional(),
})

function fail(message: string): never {
  throw new InvalidConfigError(`Demo config: ${message}`)
}

/**
 * The demo sites' settings from flags (`--merchant …`), which win, and the
 * environment (`DEMO_MERCHANT_ADDRESS=…`), with the pool read from a
 * deployment file (`deployments/local.json` by default, as `npm start`
 * writes it, relative to `cwd`). Throws an `InvalidConfigError` with a
 * one-line message naming what is missing or wrong.
 */
export async function loadDemoConfig(params: {
  argv?: readonly string[]
  env?: Record<string, string | undefined>
  cwd?: string
}): Promise<DemoConfig> {
  const { argv = [], env = {}, cwd = process.cwd() } = params
  const flags = readFlags(argv)
  const get = (name: Setting): string | undefined => {
    const value = flags[name] ?? env[settings[name].env]
    return value?.trim() ? value.trim() : undefined
  }
  const name = (setting: Setting) => `--${setting} (${settings[setting].env})`

  const path = resolve(cwd, get('deployment') ?? 'deployments/local.json')
  const deployment = await readDeployment(path)
  const rpcUrl = get('rpc') ?? deployment.rpcUrl
  if (!rpcUrl) fail(`${name('rpc')} is missing and ${path} names no rpcUrl.`)
  if (!/^https?:\/\/\S+$/.test(rpcUrl)) fail(`${name('rpc')} must be an http(s) URL.`)

  const shielded = (setting: 'merchant' | 'creator'): string => {
    const value = get(setting)
    if (!value) return fail(`${name(setting)} is missing: ${settings[setting].what}.`)
    try {
      decodeAddress(value)
    } catch (error) {
      fail(`${name(setting)}: ${error instanceof BaseError ? error.shortMessage : String(error)}`)
    }
    return value
  }
  const port = (setting: 'checkout-port' | 'tip-jar-port', fallback: number): number => {
    const value = get(setting)
    if (value === undefined) return fallback
    const n = Number(value)
    if (!/^\d+$/.test(value) || n > 65_535) fail(`${name(setting)} must be a port, 0 to 65535.`)
    return n
  }

  return {
    rpcUrl,
    deployment: {
      chainId: deployment.chainId,
      pool: getAddress(deployment.pool) as Address,
      token: getAddress(deployment.token) as Address,
      blockNumber: BigInt(deployment.blockNumber),
      epochLevels: deployment.epochLevels ?? 20,
    },
    merchantAddress: shielded('merchant'),
    creatorAddress: shielded('creator'),
    host: get('host') ?? '127.0.0.1',
    checkoutPort: port('checkout-port', 8550),
    tipJarPort: port('tip-jar-port', 8551),
  }
}

function readFlags(argv: readonly string[]): Partial<Record<Setting, string>> {
  const options = Object.fromEntries(
    Object.keys(settings).map((flag) => [flag, { type: 'string' as const }]),
  )
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false })
      .values as Partial<Record<Setting, string>>
  } catch (error) {
    // parseArgs explains at length; its first sentence is the point.
    return fail(`${String((error as Error).message).split('. ')[0]}.`)
  }
}

async function readDeployment(path: string) {
  let json: unknown
  try {
    json = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    fail(
      missing
        ? `${path} does not exist: run npm start first, or name a deployment file with --deployment.`
        : `${path} is not JSON.`,
    )
  }
  const result = deploymentFile.safeParse(json)
  if (!result.success) {
    const field = result.error.issues[0]?.path.join('.') || 'the file'
    return fail(`${path} is not a deployment: ${field} is missing or malformed.`)
  }
  return result.data
}
