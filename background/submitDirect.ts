import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem'
import { shieldedPoolAbi } from '../lib/contracts/artifacts.js'
import { ChainError } from '../lib/errors.js'
import { toChainError } from '../lib/pool/submitTransaction.js'
import type { PoolProof } from '../lib/pool/transactArgs.js'
import type { ExtData } from '../lib/transaction/extData.js'

export type SubmitDirectParameters = {
  publicClient: PublicClient
  walletClient: WalletClient<Transport, Chain | undefined, Account>
  pool: Address
  proof: PoolProof
  extData: ExtData
  permit?: { deadline: bigint; v: number; r: Hex; s: Hex }
  /** The transaction is sent: record its hash before waiting for it. */
  onSent?: (txHash: Hex) => Promise<void> | void
}

/**
 * Like lib's `submitTransaction` (simulate, send from the public account,
 * wait), but hands over the hash as soon as the transaction is sent, so a
 * restarted worker can wait for that transaction instead of guessing.
 */
export async function submitDirect(params: SubmitDirectParameters) {
  const { publicClient, walletClient, pool, proof, extData, permit } = params
  try {
    const { request } = permit
      ? await publicClient.simulateContract({
          address: pool,
          abi: shieldedPoolAbi,
          functionName: 'transactWithPermit',
          args: [proof, extData, permit],
          account: walletClient.account,
        })
      : await publicClient.simulateContract({
          address: pool,
          abi: shieldedPoolAbi,
          functionName: 'transact',
          args: [proof, extData],
          account: walletClient.account,
        })
    const txHash = await walletClient.writeContract(request as never)
    await params.onSent?.(txHash)
    const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash })
    if (receipt.status !== 'success')
      throw new ChainError('The pool transaction reverted.', { details: txHash })
    return { txHash, blockNumber: receipt.blockNumber }
  } catch (error) {
    throw toChainError(error)
  }
}
