import {
  type Abi,
  type Address,
  createPublicClient,
  createWalletClient,
  getAddress,
  type Hex,
  http,
} from 'viem'
import { foundry } from 'viem/chains'
import { artifacts } from '../../lib/contracts/artifacts.js'
import { linkBytecode } from '../../lib/contracts/link.js'
import { type Anvil, startAnvil } from '../../lib/node/anvil.js'
import { devAccount } from '../../lib/node/devAccounts.js'

/** A fresh anvil with clients for its (unlocked) account 0, and a deploy helper. */
export async function startChain() {
  const anvil: Anvil = await startAnvil()
  const transport = http(anvil.rpcUrl)
  const account = devAccount(0).address
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 })
  const walletClient = createWalletClient({ chain: foundry, transport, account })

  /** Deploys a compiled contract, linking the given libraries if any, and returns its address. */
  async function deploy(
    name: keyof typeof artifacts,
    args: readonly unknown[] = [],
    libraries: Record<string, Address> = {},
  ): Promise<Address> {
    const artifact = artifacts[name]
    const hash: Hex = await walletClient.deployContract({
      abi: artifact.abi as Abi,
      bytecode: linkBytecode(artifact, libraries),
      args,
    })
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    if (!receipt.contractAddress) throw new Error(`Deploying ${name} failed.`)
    return getAddress(receipt.contractAddress)
  }

  return { anvil, account, publicClient, walletClient, deploy }
}
