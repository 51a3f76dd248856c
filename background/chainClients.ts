import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'

export type ChainClients = {
  chain: Chain
  publicClient: PublicClient
  /** A client that signs and sends from `account` (the wallet's public account). */
  walletClientFor(account: Account): WalletClient<Transport, Chain, Account>
}

/** viem clients for one RPC endpoint; polls fast, since a local chain mines at once. */
export function createChainClients(rpcUrl: string, chainId: number): ChainClients {
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
  const transport = http(rpcUrl, { timeout: 15_000, retryCount: 1 })
  return {
    chain,
    publicClient: createPublicClient({ chain, transport, pollingInterval: 250 }) as PublicClient,
    walletClientFor: (account) =>
      createWalletClient({ chain, transport, account, pollingInterval: 250 }),
  }
}

/** {@link createChainClients}, reused while the RPC URL stays the same. */
export function createClientCache(create = createChainClients) {
  let current: { key: string; clients: ChainClients } | undefined
  return (rpcUrl: string, chainId: number): ChainClients => {
    const key = `${chainId}@${rpcUrl}`
    if (current?.key !== key) current = { key, clients: create(rpcUrl, chainId) }
    return current.clients
  }
}
