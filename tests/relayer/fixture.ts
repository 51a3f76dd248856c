import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { Address, Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import type { SpendableNote } from '../../lib/transaction/buildTransaction.js'
import { parseRelayerConfig, type RawRelayerConfig } from '../../relayer/config.js'
import { createRelayerServer } from '../../relayer/server.js'
import type { LocalChain } from '../helpers/localChain.js'

/** Test fee rule: 0.001 token flat plus 1 gwei-unit of token per gas. */
export const FEE_FLAT = 10n ** 15n
export const FEE_PER_GAS = 10n ** 9n

export type RelayerFixture = {
  url: string
  server: FastifyInstance
  address: Address
  privateKey: Hex
  /** Every log line the server wrote. */
  logs: string[]
  /** The relayer account's confirmed transaction count. */
  nonce(): Promise<number>
  stop(): Promise<void>
}

/**
 * A relayer on 127.0.0.1 (a free port) for `chain`'s pool, with its own funded
 * account unless `privateKey` is given (a restart), logging into `logs`.
 */
export async function startRelayer(
  chain: LocalChain,
  options: { privateKey?: Hex; config?: RawRelayerConfig } = {},
): Promise<RelayerFixture> {
  const privateKey = options.privateKey ?? generatePrivateKey()
  const address = privateKeyToAccount(privateKey).address
  if (!options.privateKey) await chain.fund(address, 0n)
  const config = await parseRelayerConfig({
    RPC_URL: chain.anvil.rpcUrl,
    RELAYER_PRIVATE_KEY: privateKey,
    POOLS: chain.deployment.pool,
    FEE_FLAT: FEE_FLAT.toString(),
    FEE_PER_GAS: FEE_PER_GAS.toString(),
    POLLING_INTERVAL_MS: '50',
    RATE_LIMIT: '1000',
    LOG_LEVEL: 'debug',
    ...options.config,
  })
  const logs: string[] = []
  const server = await createRelayerServer(config, {
    logger: { stream: { write: (line) => void logs.push(line) } },
  })
  await server.listen({ port: 0, host: '127.0.0.1' })
  const { port } = server.server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    address,
    privateKey,
    logs,
    nonce: () => chain.publicClient.getTransactionCount({ address }),
    stop: () => server.close(),
  }
}

/** POSTs a raw body (tampered relays) and returns the status and JSON. */
export async function post(url: string, body: unknown, path = 'v1/transact') {
  const response = await fetch(`${url}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** A wallet note as the transaction builder spends it. */
export function spendable(note: SpendableNote): SpendableNote {
  return {
    amount: note.amount,
    blinding: note.blinding,
    rho: note.rho,
    leafIndex: note.leafIndex,
    commitment: note.commitment,
  }
}

/**
 * What a relayer has earned: its token balance plus the fees the pool holds
 * for it (fees accrue in the pool until `withdrawFees`).
 */
export async function earned(chain: LocalChain, relayer: Address): Promise<bigint> {
  const owed = await chain.publicClient.readContract({
    address: chain.deployment.pool,
    abi: shieldedPoolAbi,
    functionName: 'relayerFees',
    args: [relayer],
  })
  return (await chain.tokenBalance(relayer)) + owed
}
