import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { rpcTransport } from '../lib/rpcTransport.js'

export type ChainClients = {
  chain: Chain
  publicClient: PublicClient
  /** A client that signs and sends from `account` (the wallet's public account). */
  walletClientFor(account: Account): WalletClient<Transport, Chain, Account>
}

/**
 * viem clients for an RPC endpoint and its backups (tried in order when one
 * fails: `rpcTransport`); polls fast, since a local chain mines at once.
 */
export function createChainClients(rpcUrls: readonly string[], chainId: number): ChainClients {
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [...rpcUrls] } },
  })
  const transport = rpcTransport(rpcUrls)
  return {
    chain,
    publicClient: createPublicClient({ chain, transport, pollingInterval: 250 }) as PublicClient,
    walletClientFor: (account) =>
      createWalletClient({ chain, transport, account, pollingInterval: 250 }),
  }
}

/** {@link createChainClients}, reused while the RPC URLs stay the same. */
export function createClientCache(create = createChainClients) {
  let current: { key: string; clients: ChainClients } | undefined
  return (rpcUrls: readonly string[], chainId: number): ChainClients => {
    const key = `${chainId}@${rpcUrls.join(' ')}`
    if (current?.key !== key) current = { key, clients: create(rpcUrls, chainId) }
    return current.clients
  }
}
