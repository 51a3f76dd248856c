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
import { ChainError } from '../errors.js'
import { artifacts } from './artifacts.js'
import { type Artifact, linkBytecode } from './link.js'

/** Where a pool and its companions live on one chain. */
export type Deployment = {
  chainId: number
  /** The pool's ERC-20 (`TestToken` when deployed by `deployPool`). */
  token: Address
  pool: Address
  /** Groth16 verifiers by input count. */
  verifiers: { 1: Address; 2: Address; 8: Address }
  /** The block of the pool's deployment: nothing of the pool happened before it. */
  blockNumber: bigint
  /** An epoch holds `2^epochLevels` leaves: 20 except in tests that cross epochs quickly. */
  epochLevels: number
}

export type DeployPoolParameters = {
  walletClient: WalletClient<Transport, Chain | undefined, Account>
  publicClient: PublicClient
  /** 20 (the default) on any real deployment; tests use as few as 5 (one batch). */
  epochLevels?: number
  /** An existing ERC-20 for the pool; by default a new `TestToken` (anyone may mint it). */
  token?: Address
}

/**
 * Deploys a `TestToken`, the three verifiers and a `ShieldedPool` wired to them, one
 * transaction after another, and waits for every receipt. The pool links no library: its
 * Poseidon (`contracts/PoseidonHash.sol`) is compiled in.
 *
 * @example
 * const deployment = await deployPool({ walletClient, publicClient })
 */
export async function deployPool({
  walletClient,
  publicClient,
  epochLevels = 20,
  token: existingToken,
}: DeployPoolParameters): Promise<Deployment> {
  const deploy = async (name: string, bytecode: Hex, abi: Abi, args: readonly unknown[] = []) => {
    const hash = await walletClient.deployContract({
      abi,
      bytecode,
      args,
      account: walletClient.account,
      chain: walletClient.chain,
    })
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success' || !receipt.contractAddress) {
      throw new ChainError(`Deploying ${name} failed.`, { details: `transaction ${hash}` })
    }
    return { address: getAddress(receipt.contractAddress), blockNumber: receipt.blockNumber }
  }
  const deployArtifact = (name: string, args?: readonly unknown[]) => {
    const artifact = artifactOf(name)
    return deploy(name, linkBytecode(artifact, {}), artifact.abi, args)
  }

  const chainId = await publicClient.getChainId()
  const token = existingToken
    ? { address: getAddress(existingToken) }
    : await deployArtifact('TestToken')
  const verifier1 = await deployArtifact('Verifier1')
  const verifier2 = await deployArtifact('Verifier2')
  const verifier8 = await deployArtifact('Verifier8')
  const pool = await deployArtifact('ShieldedPool', [
    token.address,
    verifier1.address,
    verifier2.address,
    verifier8.address,
    BigInt(epochLevels),
  ])
  return {
    chainId,
    token: token.address,
    pool: pool.address,
    verifiers: { 1: verifier1.address, 2: verifier2.address, 8: verifier8.address },
    blockNumber: pool.blockNumber,
    epochLevels,
  }
}

// The verifiers are generated from the circuits, so artifacts.ts may not have them yet.
function artifactOf(name: string): Artifact {
  const artifact = (artifacts as Record<string, Artifact | undefined>)[name]
  if (!artifact) {
    throw new ChainError(`No compiled contract ${name}.`, {
      details:
        'Generate the verifiers into contracts/generated/ and run `npm run build:contracts`.',
    })
  }
  return artifact
}
