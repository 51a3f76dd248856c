import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  type Address,
  type Chain,
  createPublicClient,
  defineChain,
  erc20Abi,
  getAddress,
  isAddress,
  type PublicClient,
  type Transport,
} from 'viem'
import { ChainError, InvalidConfigError } from '../lib/errors.js'
import { rpcTransport } from '../lib/rpcTransport.js'
import { printable } from './output.js'

/** `deployments/local.json` of this repository, which `npm start` writes. */
export const defaultDeploymentPath = resolve(import.meta.dirname, '..', 'deployments', 'local.json')

/** What the CLI needs of a deployment file (as `npm start` and `npm run deploy` write them). */
export type CliDeployment = {
  path: string
  chainId: number
  pool: Address
  token: Address
  blockNumber: bigint
  /** An epoch holds `2^epochLevels` leaves (20 unless a test deployed smaller epochs). */
  epochLevels: number
  rpcUrl?: string
  /** RPCs of the same chain the deployment names, tried in order when the first fails. */
  backupRpcUrls: string[]
  /** Relayer URLs the deployment names. */
  relayers: string[]
  /** `development` or `ceremony` (docs/deploy.md); absent in files from before. */
  setup?: 'development' | 'ceremony'
  /** Development-setup verifiers off the local chain: every command warns. */
  insecureDevKeys: boolean
}

/** Reads and checks a deployment file; numbers may be JSON numbers or decimal strings. */
export async function loadDeployment(path: string): Promise<CliDeployment> {
  let json: Record<string, unknown>
  try {
    json = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new InvalidConfigError(
      missing
        ? `No deployment file ${path}: start the local chain with \`npm start\` or pass --deployment <file>.`
        : `The deployment file ${path} is not JSON.`,
    )
  }
  const bad = (field: string) =>
    new InvalidConfigError(`The deployment file ${path} has no valid ${field}.`)
  const whole = (value: unknown) =>
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
    (typeof value === 'string' && /^\d+$/.test(value))
  const address = (field: 'pool' | 'token') => {
    const value = json?.[field]
    if (typeof value !== 'string' || !isAddress(value, { strict: false })) throw bad(field)
    return getAddress(value)
  }
  if (!whole(json?.chainId) || Number(json.chainId) <= 0) throw bad('chainId')
  if (!whole(json.blockNumber)) throw bad('blockNumber')
  if (json.rpcUrl !== undefined && typeof json.rpcUrl !== 'string') throw bad('rpcUrl')
  const epochLevels = json.epochLevels ?? 20
  if (!Number.isInteger(epochLevels) || Number(epochLevels) < 5 || Number(epochLevels) > 20)
    throw bad('epochLevels')
  const setupKind = (json.setup as { kind?: unknown } | undefined)?.kind
  return {
    path,
    chainId: Number(json.chainId),
    pool: address('pool'),
    token: address('token'),
    blockNumber: BigInt(json.blockNumber as string),
    epochLevels: Number(epochLevels),
    ...(typeof json.rpcUrl === 'string' ? { rpcUrl: json.rpcUrl } : {}),
    backupRpcUrls: Array.isArray(json.backupRpcUrls)
      ? json.backupRpcUrls.filter((r): r is string => typeof r === 'string')
      : [],
    relayers: Array.isArray(json.relayers)
      ? json.relayers.filter((r): r is string => typeof r === 'string')
      : [],
    ...(setupKind === 'development' || setupKind === 'ceremony' ? { setup: setupKind } : {}),
    insecureDevKeys: json.insecureDevKeys === true,
  }
}

/** Checks that `url` is an http(s) URL; `what` names it in the error. */
export function checkHttpUrl(url: string, what: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new InvalidConfigError(`${what} is not a URL: ${url}`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new InvalidConfigError(`${what} must be an http(s) URL: ${url}`)
  return url
}

/**
 * A client for the deployment's chain at `rpcUrls` (the first preferred, the
 * others tried in order when it fails: `rpcTransport`), after checking that
 * the RPC answers and is that chain.
 */
export async function connect(
  deployment: CliDeployment,
  rpcUrls: readonly string[],
): Promise<{ chain: Chain; publicClient: PublicClient; transport: Transport }> {
  for (const url of rpcUrls) checkHttpUrl(url, 'The RPC URL')
  const chain = defineChain({
    id: deployment.chainId,
    name: `chain ${deployment.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [...rpcUrls] } },
  })
  const transport = rpcTransport(rpcUrls)
  // viem polls every 4 s by default; a local chain mines at once.
  const publicClient = createPublicClient({
    chain,
    transport,
    pollingInterval: 250,
  }) as PublicClient
  const where = rpcUrls.length > 1 ? `${rpcUrls[0]} or its backups` : rpcUrls[0]
  let chainId: number
  try {
    chainId = await publicClient.getChainId()
  } catch (cause) {
    throw new ChainError(`Cannot reach the chain at ${where} (is \`npm start\` running?).`, {
      cause,
    })
  }
  if (chainId !== deployment.chainId)
    throw new InvalidConfigError(
      `The RPC at ${where} is chain ${chainId}, but the deployment is for chain ${deployment.chainId}.`,
    )
  return { chain, publicClient, transport }
}

/** The pool token's symbol and decimals, read from the chain. */
export async function readToken(publicClient: PublicClient, token: Address) {
  try {
    const [symbol, decimals] = await Promise.all([
      publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }),
      publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
    ])
    return { address: token, symbol: printable(symbol), decimals }
  } catch (cause) {
    throw new ChainError(`Cannot read the token at ${token}: is the deployment file current?`, {
      cause,
    })
  }
}

export type TokenInfo = Awaited<ReturnType<typeof readToken>>
