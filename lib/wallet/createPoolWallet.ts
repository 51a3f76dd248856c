import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem'
import { encodeAddress } from '../address.js'
import { ViewOnlyError } from '../errors.js'
import type { Keys, ViewKeys } from '../keys.js'
import { createNoteScanner } from '../noteScanner.js'
import { submitTransaction } from '../pool/submitTransaction.js'
import { toPoolProof } from '../pool/transactArgs.js'
import type { Prover, ProveStage } from '../prover/types.js'
import { createReceipt } from '../receipt/createReceipt.js'
import type { Receipt } from '../receipt/receipt.js'
import type { RelaySubmitter } from '../relayer/createRelaySubmitter.js'
import { createPoolState, type PoolState, shieldedBalance } from '../sync/poolState.js'
import { type SyncPoolParameters, syncPool } from '../sync/syncPool.js'
import type { PreparedTransaction } from '../transaction/buildTransaction.js'
import {
  prepareMerge,
  prepareShield,
  prepareTransfer,
  prepareUnshield,
} from '../transaction/prepare.js'
import { signPermit } from './signPermit.js'

export type CreatePoolWalletParameters<keys extends Keys | ViewKeys = Keys> = {
  /** Every key, or a full viewing key's: then the wallet watches and every spend throws. */
  keys: keys
  publicClient: PublicClient
  /** The public account's client: pays gas when no relayer is used, and shields. */
  walletClient?: WalletClient<Transport, Chain | undefined, Account>
  deployment: {
    chainId: number
    pool: Address
    token: Address
    blockNumber: bigint
    /** 20 unless a test deployed smaller epochs. */
    epochLevels?: number
  }
  prover: Prover
  /**
   * A state to continue from (a cached earlier sync of this pool by these
   * keys); by default an empty one at the deployment block. The wallet updates
   * this object in place.
   */
  state?: PoolState
  /** The block the wallet was created at: outputs before it are not trial-decrypted. */
  birthdayBlock?: bigint
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

/** How to send a spend: through a relayer (the public account stays off chain) or directly. */
export type SpendOptions = { relay?: RelaySubmitter; onProgress?: ProgressHandler }

/**
 * Prepares with the relayer's fee for the circuit the spend needs. The fee
 * depends on the circuit and the circuit on the notes the fee makes us pick,
 * so quote for the smallest circuit and re-quote until they agree.
 */
async function prepareWithFee(
  relay: RelaySubmitter | undefined,
  prepare: (fee: bigint, relayer?: Address) => Promise<PreparedTransaction>,
): Promise<PreparedTransaction> {
  if (!relay) return prepare(0n)
  const relayer = await relay.relayer()
  let circuit: PreparedTransaction['circuit'] = 'tx1'
  for (let round = 0; round < 3; round++) {
    const fee = await relay.fee(circuit)
    const prepared = await prepare(fee, relayer)
    if (prepared.circuit === circuit || (await relay.fee(prepared.circuit)) <= fee) return prepared
    circuit = prepared.circuit
  }
  // The largest circuit's fee covers any transaction.
  return prepare(await relay.fee('tx8'), relayer)
}

/**
 * A headless wallet for one pool: sync, balance, shield, pay, unshield and
 * merge, each proving with the given prover and submitting from the public
 * account. The extension and the CLI wrap the same steps.
 */
export async function createPoolWallet<keys extends Keys | ViewKeys = Keys>(
  params: CreatePoolWalletParameters<keys>,
) {
  const { keys: anyKeys, publicClient, deployment, prover } = params
  const viewOnly = !('spendingKey' in anyKeys)
  /** The spending keys and the public account's client, or a ViewOnlyError. */
  const spender = () => {
    if (!('spendingKey' in anyKeys) || !params.walletClient) throw new ViewOnlyError()
    return { keys: anyKeys as Keys, walletClient: params.walletClient }
  }
  const keys = anyKeys
  const state =
    params.state ??
    createPoolState(deployment.pool, deployment.blockNumber, deployment.epochLevels ?? 20)
  const chainId = deployment.chainId
  const scanner = await createNoteScanner(keys.viewingKey)
  const address = encodeAddress({
    ownerKey: keys.ownerKey,
    viewingPublicKey: keys.viewingKey.publicKey,
  })

  const sync = (options: Pick<SyncPoolParameters, 'onProgress' | 'toBlock'> = {}) =>
    syncPool({
      publicClient,
      state,
      keys,
      scanner,
      ...(params.birthdayBlock !== undefined ? { birthdayBlock: params.birthdayBlock } : {}),
      ...options,
    })

  async function settle(
    prepared: PreparedTransaction,
    options: SpendOptions & { permit?: Awaited<ReturnType<typeof signPermit>> } = {},
  ): Promise<SettledTransaction> {
    const { walletClient } = spender()
    const { proof } = await prover.prove({
      circuit: prepared.circuit,
      input: prepared.input,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    })
    options.onProgress?.('submitting')
    const poolProof = toPoolProof(prepared, proof)
    const result = options.relay
      ? await options.relay.submit({
          pool: deployment.pool,
          proof: poolProof,
          extData: prepared.extData,
        })
      : await submitTransaction({
          publicClient,
          walletClient,
          pool: deployment.pool,
          proof: poolProof,
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
    // The payment is settled whatever happens next: a failed refresh must not lose its receipt.
    await sync().catch(() => undefined)
    return { ...result, prepared, ...(receipt ? { receipt } : {}) }
  }

  return {
    keys,
    /** True for a wallet made from a full viewing key: it sees everything and spends nothing. */
    viewOnly,
    address,
    state,
    sync,
    balance: () => shieldedBalance(state),
    async shield(amount: bigint, options: { memo?: string; onProgress?: ProgressHandler } = {}) {
      const { keys, walletClient } = spender()
      await sync()
      const prepared = await prepareShield({
        keys,
        state,
        chainId,
        amount,
        from: walletClient.account.address,
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
    async pay(to: string, amount: bigint, options: SpendOptions & { memo?: string } = {}) {
      const { keys } = spender()
      await sync()
      const memo = options.memo ? { memo: options.memo } : {}
      const prepared = await prepareWithFee(options.relay, (fee, relayer) =>
        prepareTransfer({
          keys,
          state,
          chainId,
          to,
          amount,
          fee,
          ...(relayer ? { relayer } : {}),
          ...memo,
        }),
      )
      return settle(prepared, options)
    },
    async unshield(recipient: Address, amount: bigint, options: SpendOptions = {}) {
      const { keys } = spender()
      await sync()
      const prepared = await prepareWithFee(options.relay, (fee, relayer) =>
        prepareUnshield({
          keys,
          state,
          chainId,
          recipient,
          amount,
          fee,
          ...(relayer ? { relayer } : {}),
        }),
      )
      return settle(prepared, options)
    },
    async merge(options: SpendOptions & { maxInputs?: number } = {}) {
      const { keys } = spender()
      await sync()
      const max = options.maxInputs ? { maxInputs: options.maxInputs } : {}
      const prepared = await prepareWithFee(options.relay, (fee, relayer) =>
        prepareMerge({ keys, state, chainId, fee, ...(relayer ? { relayer } : {}), ...max }),
      )
      return settle(prepared, options)
    },
  }
}

export type PoolWallet = Awaited<ReturnType<typeof createPoolWallet<Keys>>>
export type WatchingWallet = Awaited<ReturnType<typeof createPoolWallet<ViewKeys>>>
