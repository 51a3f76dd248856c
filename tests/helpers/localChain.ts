import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  type PublicClient,
  parseEther,
  type Transport,
  type WalletClient,
} from 'viem'
import { artifacts, testTokenAbi } from '../../lib/contracts/artifacts.js'
import { type Deployment, deployPool } from '../../lib/contracts/deploy.js'
import { linkBytecode } from '../../lib/contracts/link.js'
import { type Anvil, startAnvil } from '../../lib/node/anvil.js'
import { devAccount } from '../../lib/node/devAccounts.js'

export type LocalChain = {
  anvil: Anvil
  chain: Chain
  publicClient: PublicClient
  deployment: Deployment
  walletClientFor(account: Account): WalletClient<Transport, Chain, Account>
  /** Gives `address` gas money and `tokens` test tokens. */
  fund(address: Address, tokens: bigint): Promise<void>
  tokenBalance(address: Address): Promise<bigint>
  /** Deploys another compiled contract from the deployer's account and returns its address. */
  deploy(name: keyof typeof artifacts, args?: readonly unknown[]): Promise<Address>
  /**
   * Another pool on this chain, with `token` (default: the deployment's) and the
   * deployment's verifiers: fresh, so it shares its first roots with any fresh pool.
   */
  deployPoolLike(options?: { token?: Address; epochLevels?: number }): Promise<Address>
  stop(): Promise<void>
}

/** A fresh anvil with the pool deployed: what every chain test starts from. */
export async function startLocalChain({
  epochLevels,
}: {
  epochLevels?: number
} = {}): Promise<LocalChain> {
  const anvil = await startAnvil()
  const chain = defineChain({
    id: 31337,
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [anvil.rpcUrl] } },
  })
  const transport = http(anvil.rpcUrl)
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 }) as PublicClient
  const walletClientFor = (account: Account) =>
    createWalletClient({ chain, transport, account, pollingInterval: 50 }) as WalletClient<
      Transport,
      Chain,
      Account
    >
  const deployer = walletClientFor(devAccount(0))
  const deployment = await deployPool({
    walletClient: deployer,
    publicClient,
    ...(epochLevels ? { epochLevels } : {}),
  })
  const testClient = createTestClient({ chain, transport, mode: 'anvil' })
  const deploy = async (name: keyof typeof artifacts, args: readonly unknown[] = []) => {
    const artifact = artifacts[name]
    const hash = await deployer.deployContract({
      abi: artifact.abi as Abi,
      bytecode: linkBytecode(artifact, {}),
      args,
    })
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success' || !receipt.contractAddress)
      throw new Error(`Deploying ${name} failed.`)
    return getAddress(receipt.contractAddress)
  }

  return {
    anvil,
    chain,
    publicClient,
    deployment,
    walletClientFor,
    async fund(address, tokens) {
      await testClient.setBalance({ address, value: parseEther('100') })
      if (tokens > 0n) {
        const hash = await deployer.writeContract({
          address: deployment.token,
          abi: testTokenAbi,
          functionName: 'mint',
          args: [address, tokens],
        })
        await publicClient.waitForTransactionReceipt({ hash })
      }
    },
    tokenBalance: (address) =>
      publicClient.readContract({
        address: deployment.token,
        abi: testTokenAbi,
        functionName: 'balanceOf',
        args: [address],
      }),
    deploy,
    deployPoolLike: ({ token = deployment.token, epochLevels = deployment.epochLevels } = {}) =>
      deploy('ShieldedPool', [
        token,
        deployment.verifiers[1],
        deployment.verifiers[2],
        deployment.verifiers[8],
        BigInt(epochLevels),
      ]),
    stop: () => anvil.stop(),
  }
}
