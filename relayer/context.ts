import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as snarkjs from 'snarkjs'
import {
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  erc20Abi,
  http,
  type PrivateKeyAccount,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type CircuitName, circuits } from '../lib/circuits.js'
import { shieldedPoolAbi } from '../lib/contracts/artifacts.js'
import { ChainError, InvalidConfigError } from '../lib/errors.js'
import { circuitsDir as defaultCircuitsDir } from '../lib/node/loadCircuitArtifacts.js'
import type { RelayerPool } from '../lib/relayer/types.js'
import { cached } from './cached.js'
import type { RelayerConfig } from './config.js'
import { createInFlightNullifiers, type InFlightNullifiers } from './inFlight.js'
import { createNonceManager, type NonceManager } from './nonceManager.js'

/** What every route works with: clients, the sender, the served pools and the verification keys. */
export type RelayerContext = {
  config: RelayerConfig
  chain: Chain
  publicClient: PublicClient<Transport, Chain>
  walletClient: WalletClient<Transport, Chain, PrivateKeyAccount>
  account: PrivateKeyAccount
  /** Served pools by checksummed address. */
  pools: Map<Address, RelayerPool>
  verificationKeys: Record<CircuitName, unknown>
  nonces: NonceManager
  inFlight: InFlightNullifiers
  /** The chain's gas price (wei), read at most once a second. */
  gasPrice: () => Promise<bigint>
  /** The relayer account's ETH (wei), read at most once a second. */
  gasBalance: () => Promise<bigint>
}

/**
 * Connects to the chain, checks it is the configured one, reads each pool's
 * token and loads the verification keys. Fails with one clear message when
 * the RPC does not answer or a pool is not a pool.
 */
export async function createRelayerContext(config: RelayerConfig): Promise<RelayerContext> {
  const account = privateKeyToAccount(config.privateKey)
  const probe = createPublicClient({
    transport: http(config.rpcUrl, { retryCount: 0, timeout: 10_000 }),
  })
  let chainId: number
  try {
    chainId = await probe.getChainId()
  } catch (cause) {
    throw new ChainError(`The RPC at ${config.rpcUrl} does not answer.`, { cause })
  }
  if (config.chainId !== undefined && config.chainId !== chainId)
    throw new InvalidConfigError(
      `Relayer config: the deployment is for chain ${config.chainId} but RPC_URL serves chain ${chainId}.`,
    )
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  })
  // Every RPC call gives up in time: a relay answers its client, never hangs it.
  const transport = http(config.rpcUrl, { timeout: 10_000 })
  const pollingInterval = config.pollingIntervalMs
  const publicClient = createPublicClient({ chain, transport, pollingInterval })
  const walletClient = createWalletClient({ chain, transport, account, pollingInterval })

  const pools = new Map<Address, RelayerPool>()
  for (const pool of config.pools) pools.set(pool, await readPool(publicClient, pool))

  const dir = config.circuitsDir ?? defaultCircuitsDir
  await checkCircuitsSetup(dir, config.transcriptSha256)
  const keys = await Promise.all(
    circuits.map(async ({ name }) => {
      try {
        return [name, JSON.parse(await readFile(join(dir, `${name}.vkey.json`), 'utf8'))] as const
      } catch (cause) {
        throw new InvalidConfigError(
          `No verification key for ${name} under ${dir}: run npm run build:circuits, or set CIRCUITS_DIR.`,
          { cause },
        )
      }
    }),
  )

  // Built once here rather than by the first relays at once.
  await snarkjs.curves.getCurveFromName('bn128')

  return {
    config,
    chain,
    publicClient,
    walletClient,
    account,
    pools,
    verificationKeys: Object.fromEntries(keys) as Record<CircuitName, unknown>,
    nonces: createNonceManager({
      pendingCount: () =>
        publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' }),
      isNonceError: (error) => /nonce too (low|high)/i.test(String((error as Error)?.message)),
    }),
    inFlight: createInFlightNullifiers(),
    gasPrice: cached(() => publicClient.getGasPrice(), 1_000),
    gasBalance: cached(() => publicClient.getBalance({ address: account.address }), 1_000),
  }
}

/**
 * The verification keys must be the ones the pool's verifiers came from: a
 * deployment file naming a ceremony transcript needs the circuits directory
 * of that transcript (its manifest's `setup`).
 */
async function checkCircuitsSetup(dir: string, wanted: string | undefined) {
  // A pool named by address alone says nothing about its setup.
  if (!wanted) return
  let setup: { kind?: string; transcriptSha256?: string } | undefined
  try {
    setup = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')).setup
  } catch {}
  const has =
    setup?.kind === 'ceremony' || setup?.kind === 'mixed' ? setup.transcriptSha256 : undefined
  if (has !== wanted)
    throw new InvalidConfigError(
      `Relayer config: the deployment's verifiers come from ceremony transcript ${wanted} but ${dir} holds ${has ? `the keys of transcript ${has}` : 'development keys'}; set CIRCUITS_DIR to the deployment's circuits.`,
    )
}

async function readPool(publicClient: PublicClient, pool: Address): Promise<RelayerPool> {
  try {
    const token = await publicClient.readContract({
      address: pool,
      abi: shieldedPoolAbi,
      functionName: 'token',
    })
    const [symbol, decimals] = await Promise.all([
      publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }),
      publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
    ])
    return { pool, token, symbol, decimals }
  } catch (cause) {
    throw new ChainError(`${pool} is not a shielded pool on this chain.`, { cause })
  }
}
