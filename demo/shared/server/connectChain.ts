import { type Address, createPublicClient, defineChain, http, type PublicClient } from 'viem'
import { testTokenAbi } from '../../../lib/contracts/artifacts.js'
import { ChainError, InvalidConfigError } from '../../../lib/errors.js'

/** Where the pool the demo sites are paid in lives. */
export type DemoDeployment = {
  chainId: number
  pool: Address
  token: Address
  blockNumber: bigint
  epochLevels: number
}

/** What both sites read from the chain once, at start. */
export type DemoChain = {
  publicClient: PublicClient
  deployment: DemoDeployment
  symbol: string
  decimals: number
  /** Blocks a payment must have on top of it, its own included, before a site accepts it. */
  minConfirmations: bigint
}

export type ConnectChainParameters = {
  rpcUrl: string
  deployment: DemoDeployment
  /** Default 1: accepted in the block that includes it (anvil's instant blocks); say more on a real chain. */
  minConfirmations?: number
}

/**
 * Connects to the RPC, checks that it serves the deployment's chain and
 * reads the pool token's symbol and decimals. Fails with one clear message
 * when the RPC does not answer or the token is not there.
 */
export async function connectChain({
  rpcUrl,
  deployment,
  minConfirmations = 1,
}: ConnectChainParameters): Promise<DemoChain> {
  if (!Number.isInteger(minConfirmations) || minConfirmations < 1)
    throw new InvalidConfigError('Demo config: minConfirmations must be a whole number from 1.')
  const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) })
  let chainId: number
  try {
    chainId = await probe.getChainId()
  } catch (cause) {
    throw new ChainError(`The RPC at ${rpcUrl} does not answer.`, { cause })
  }
  if (chainId !== deployment.chainId)
    throw new InvalidConfigError(
      `Demo config: the deployment is for chain ${deployment.chainId} but the RPC serves chain ${chainId}.`,
    )
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl) }) as PublicClient
  try {
    const [symbol, decimals] = await Promise.all([
      publicClient.readContract({
        address: deployment.token,
        abi: testTokenAbi,
        functionName: 'symbol',
      }),
      publicClient.readContract({
        address: deployment.token,
        abi: testTokenAbi,
        functionName: 'decimals',
      }),
    ])
    return {
      publicClient,
      deployment,
      symbol,
      decimals,
      minConfirmations: BigInt(minConfirmations),
    }
  } catch (cause) {
    throw new ChainError(`${deployment.token} is not an ERC-20 token on chain ${chainId}.`, {
      cause,
    })
  }
}
