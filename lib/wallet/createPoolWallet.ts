import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem'
import { encodeAddress } from '../address.js'
import type { Keys } from '../keys.js'
import { createNoteScanner } from '../noteScanner.js'
import { submitTransaction } from '../pool/submitTransaction.js'
import { toPoolProof } from '../pool/transactArgs.js'
import type { Prover, ProveStage } from '../prover/types.js'
import { createReceipt } from '../receipt/createReceipt.js'
import type { Receipt } from '../receipt/receipt.js'
import { createPoolState, shieldedBalance } from '../sync/poolState.js'
import { syncPool } from '../sync/syncPool.js'
import type { PreparedTransaction } from '../transaction/buildTransaction.js'
import {
  prepareMerge,
  prepareShield,
  prepareTransfer,
  prepareUnshield,
} from '../transaction/prepare.js'
import { signPermit } from './signPermit.js'

export type CreatePoolWalletParameters = {
  keys: Keys
  publicClient: PublicClient
  /** The public account's client: pays gas when no relayer is used, and shields. */
  walletClient: WalletClient<Transport, Chain | undefined, Account>
  deployment: { chainId: number; pool: Address; token: Address; blockNumber: bigint }
  prover: Prover
}

export type SettledTransaction = {
  txHash: `0x${string}`
  blockNumber: bigint
  gasUsed: bigint
  prepared: PreparedTransaction
  /** Receipt for the first output that is not ours (a payment), if any. */
  receipt?: Receipt
}

export type ProgressHandler = (stage: ProveStage | 'submitting') => void

/**
 * A headless wallet for one pool: sync, balance, shield, pay, unshield and
 * merge, each proving with the given prover and submitting from the public
 * account. The extension and the CLI wrap the same steps.
 */
export async function createPoolWallet(params: CreatePoolWalletParameters) {
  const { keys, publicClient, walletClient, deployment, prover } = params
  const state = createPoolState(deployment.pool, deployment.blockNumber)
  const scanner = await createNoteScanner(keys.viewingKey)
  const address = encodeAddress({
    ownerKey: keys.ownerKey,
    viewingPublicKey: keys.viewingKey.publicKey,
  })

  const sync = () => syncPool({ publicClient, state, keys, scanner })

  async function settle(
    prepared: PreparedTransaction,
    options: { permit?: Awaited<ReturnType<typeof signPermit>>; onProgress?: ProgressHandler } = {},
  ): Promise<SettledTransaction> {
    const { proof } = await prover.prove({
      circuit: prepared.circuit,
      input: prepared.input,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    })
    options.onProgress?.('submitting')
    const result = await submitTransaction({
      publicClient,
      walletClient,
      pool: deployment.pool,
      proof: toPoolProof(prepared, proof),
      extData: prepared.extData,
      ...(options.permit ? { permit: options.permit } : {}),
    })
    const payment = prepared.outputs.find((o) => o.ownerKey !== keys.ownerKey && o.amount > 0n)
    let receipt: Receipt | undefined
    if (payment) {
      const tx = await publicClient.getTransactionReceipt({ hash: result.txHash })
      receipt = createReceipt({
        chainId: deployment.chainId,
        pool: deployment.pool,
        txHash: result.txHash,
        blockNumber: result.blockNumber,
        logs: tx.logs,
        output: payment,
      })
    }
    await sync()
    return { ...result, prepared, ...(receipt ? { receipt } : {}) }
  }

  return {
    keys,
    address,
    state,
    sync,
    balance: () => shieldedBalance(state),
    async shield(amount: bigint, options: { memo?: string; onProgress?: ProgressHandler } = {}) {
      await sync()
      const prepared = await prepareShield({
        keys,
        state,
        amount,
        ...(options.memo ? { memo: options.memo } : {}),
      })
      const permit = await signPermit({
        publicClient,
        walletClient,
        token: deployment.token,
        spender: deployment.pool,
        value: amount,
      })
      return settle(prepared, {
        permit,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      })
    },
    async pay(
      to: string,
      amount: bigint,
      options: { memo?: string; onProgress?: ProgressHandler } = {},
    ) {
      await sync()
      const prepared = await prepareTransfer({
        keys,
        state,
        to,
        amount,
        ...(options.memo ? { memo: options.memo } : {}),
      })
      return settle(prepared, options.onProgress ? { onProgress: options.onProgress } : {})
    },
    async unshield(
      recipient: Address,
      amount: bigint,
      options: { onProgress?: ProgressHandler } = {},
    ) {
      await sync()
      const prepared = await prepareUnshield({ keys, state, recipient, amount })
      return settle(prepared, options)
    },
    async merge(options: { maxInputs?: number; onProgress?: ProgressHandler } = {}) {
      await sync()
      const prepared = await prepareMerge({
        keys,
        state,
        ...(options.maxInputs ? { maxInputs: options.maxInputs } : {}),
      })
      return settle(prepared, options.onProgress ? { onProgress: options.onProgress } : {})
    },
  }
}

export type PoolWallet = Awaited<ReturnType<typeof createPoolWallet>>
