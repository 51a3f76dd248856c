/**
 * What lib/contracts/deploy.ts's `deployPool` does (a TestToken unless one
 * is given, the three verifiers, the pool wired to them), but with verifier
 * bytecode the caller compiled: a ceremony's verifiers, not the development
 * ones lib/contracts/artifacts.ts holds. The token and the pool come from
 * the artifacts as usual.
 */
import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  getAddress,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { artifacts } from '../../lib/contracts/artifacts.js'
import type { Deployment } from '../../lib/contracts/deploy.js'
import { linkBytecode } from '../../lib/contracts/link.js'
import { ChainError } from '../../lib/errors.js'
import type { CompiledVerifier } from './compileVerifiers.js'

export async function deployWithVerifiers(params: {
  walletClient: WalletClient<Transport, Chain | undefined, Account>
  publicClient: PublicClient
  verifiers: readonly CompiledVerifier[]
  token?: Address
  epochLevels?: number
}): Promise<Deployment> {
  const { walletClient, publicClient, epochLevels = 20 } = params
  const deploy = async (name: string, abi: Abi, bytecode: Hex, args: readonly unknown[] = []) => {
    const hash = await walletClient.deployContract({
      abi,
      bytecode,
      args,
      account: walletClient.account,
      chain: walletClient.chain,
    })
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success' || !receipt.contractAddress)
      throw new ChainError(`Deploying ${name} failed.`, { details: `transaction ${hash}` })
    return { address: getAddress(receipt.contractAddress), blockNumber: receipt.blockNumber }
  }
  const verifier = async (contract: string) => {
    const v = params.verifiers.find((c) => c.contract === contract)
    if (!v) throw new ChainError(`No compiled ${contract} to deploy.`)
    return (await deploy(contract, v.abi, v.bytecode)).address
  }
  const chainId = await publicClient.getChainId()
  const token = params.token
    ? getAddress(params.token)
    : (await deploy('TestToken', artifacts.TestToken.abi, linkBytecode(artifacts.TestToken, {})))
        .address
  const verifiers = {
    1: await verifier('Verifier1'),
    2: await verifier('Verifier2'),
    8: await verifier('Verifier8'),
  }
  const pool = await deploy(
    'ShieldedPool',
    artifacts.ShieldedPool.abi,
    linkBytecode(artifacts.ShieldedPool, {}),
    [token, verifiers[1], verifiers[2], verifiers[8], BigInt(epochLevels)],
  )
  return {
    chainId,
    token,
    pool: pool.address,
    verifiers,
    blockNumber: pool.blockNumber,
    epochLevels,
  }
}
