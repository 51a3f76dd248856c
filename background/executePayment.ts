import type { Address, Hex } from 'viem'
import { shieldedPoolAbi } from '../lib/contracts/artifacts.js'
import { BaseError, InvalidNoteError, PaymentCancelledError } from '../lib/errors.js'
import type { Keys } from '../lib/keys.js'
import { submitTransaction } from '../lib/pool/submitTransaction.js'
import { toPoolProof } from '../lib/pool/transactArgs.js'
import type { Prover } from '../lib/prover/types.js'
import { certainlyNotSubmitted } from '../lib/relayer/certainlyNotSubmitted.js'
import type { RelaySubmitter } from '../lib/relayer/createRelaySubmitter.js'
import type { RelayerQuote } from '../lib/relayer/types.js'
import type { PreparedTransaction } from '../lib/transaction/buildTransaction.js'
import {
  prepareMerge,
  prepareShield,
  prepareTransfer,
  prepareUnshield,
} from '../lib/transaction/prepare.js'
import { signPermit } from '../lib/wallet/signPermit.js'
import type { ActivityStore } from './activityStore.js'
import type { Broadcast } from './broadcast.js'
import type { ChainClients } from './chainClients.js'
import type { PoolDeployment } from './config.js'
import type { NoteRow, PendingWorkRow, WalletDb } from './db.js'
import { errorCode, errorMessage } from './errors.js'
import { waitForNullifiers } from './nullifiersSpent.js'
import { releaseNotes, reservedNotes } from './paymentNotes.js'
import { discardPayment, failPayment, settlePayment } from './paymentOutcome.js'
import { noteFromRow } from './poolStore.js'
import type { Fees } from './selectInputs.js'
import type { SyncService } from './sync.js'

export type PaymentRequest =
  | { kind: 'shield'; pool: Address; amount: string }
  | { kind: 'send'; pool: Address; to: string; amount: string; memo?: string }
  | { kind: 'unshield'; pool: Address; to: Address; amount: string }
  | { kind: 'merge'; pool: Address }

/** A relayer a payment may go through: its client, its account and its fee per circuit. */
export type RelayChoice = {
  relay: RelaySubmitter
  relayer: Address
  fees: Fees
  /** The signed quote the fees come from: the relay carries it. */
  quote?: RelayerQuote
}

/**
 * How a payment is cancelled: `signal` aborts with a PaymentCancelledError
 * before it is sent, and with a {@link StopWaitingError} after;
 * `onSending` is called (synchronously) just before it goes out.
 */
export type PaymentControl = { signal: AbortSignal; onSending(): void }

/** A cancel after the payment went out: stop waiting for the relayer and watch the chain. */
export class StopWaitingError extends BaseError {
  override name = 'StopWaitingError'
  constructor() {
    super('cancelled', 'You stopped waiting for the relayer; the payment may still land.')
  }
}

/** A started payment: its notes are reserved and its rows written. */
export type StartedPayment = {
  id: string
  request: PaymentRequest
  deployment: PoolDeployment
  keys: Keys
  fee: bigint
  /** Through this relayer (to this account), else from the public account. */
  relay?: RelaySubmitter
  relayer?: Address
  /** The quote `fee` was read from, carried by the relay. */
  quote?: RelayerQuote
  /**
   * Relayers to try next, in order, when `relay` refuses or fails and the
   * chain shows the payment did not land; only those whose fee for the
   * circuit is at most `fee` (the payment keeps the fee it was approved with).
   */
  fallbacks?: RelayChoice[]
  control?: PaymentControl
  /**
   * Awaited after the proof and before anything is sent: a site's payment
   * proves while its approval window is open, and this settles on the
   * user's click (a rejection throws {@link UserRejectedError}).
   */
  approval?: Promise<void>
  /** Told the transaction once it is built, before it is proved. */
  onPrepared?: (prepared: PreparedTransaction) => Promise<void>
}

/** The user said no to a payment waiting for approval. */
export class UserRejectedError extends BaseError {
  override name = 'UserRejectedError'
  constructor(shortMessage = 'You rejected the request.') {
    super('bad_request', shortMessage)
  }
}

export type ExecutePaymentDependencies = {
  db: WalletDb
  sync: Pick<SyncService, 'run' | 'poolState'>
  prover: Prover
  activities: ActivityStore
  broadcast: Broadcast
  clients: () => Promise<ChainClients>
  now: () => number
  /** After a relay that may have gone out failed: how long to watch the chain for it (ms). */
  relayGraceMs?: number
  /** After a cancel of a sent payment: how long to watch the chain for it (ms). */
  trackMs?: number
}

/** The transaction for a payment, spending exactly the reserved notes. */
async function prepare(
  sync: ExecutePaymentDependencies['sync'],
  run: StartedPayment,
  notes: NoteRow[],
): Promise<PreparedTransaction> {
  const { request, keys, fee, relayer } = run
  const state = { ...(await sync.poolState(run.deployment)), notes: notes.map(noteFromRow) }
  const relayed = { fee, ...(relayer ? { relayer } : {}) }
  const chainId = run.deployment.chainId
  switch (request.kind) {
    case 'shield':
      return prepareShield({
        keys,
        state,
        chainId,
        amount: BigInt(request.amount),
        from: keys.account.address,
      })
    case 'send':
      return prepareTransfer({
        keys,
        state,
        chainId,
        to: request.to,
        amount: BigInt(request.amount),
        ...relayed,
        ...(request.memo ? { memo: request.memo } : {}),
      })
    case 'unshield':
      return prepareUnshield({
        keys,
        state,
        chainId,
        recipient: request.to,
        amount: BigInt(request.amount),
        ...relayed,
      })
    case 'merge':
      return prepareMerge({ keys, state, chainId, ...relayed })
  }
}

async function submit(
  deps: ExecutePaymentDependencies,
  run: StartedPayment,
  prepared: PreparedTransaction,
  proof: Parameters<typeof toPoolProof>[1],
  onSent: (txHash: Hex) => Promise<void>,
): Promise<Hex> {
  const { deployment, keys, request } = run
  const poolProof = toPoolProof(prepared, proof)
  if (run.relay) {
    const { txHash } = await run.relay.submit(
      {
        pool: deployment.pool,
        proof: poolProof,
        extData: prepared.extData,
        ...(run.quote ? { quote: run.quote } : {}),
      },
      run.control ? { signal: run.control.signal } : {},
    )
    await onSent(txHash)
    return txHash
  }
  const { publicClient, walletClientFor } = await deps.clients()
  const walletClient = walletClientFor(keys.account)
  const permit =
    request.kind === 'shield'
      ? await signPermit({
          publicClient,
          walletClient,
          token: deployment.token,
          spender: deployment.pool,
          value: BigInt(request.amount),
        })
      : undefined
  const { txHash } = await submitTransaction({
    publicClient,
    walletClient,
    pool: deployment.pool,
    proof: poolProof,
    extData: prepared.extData,
    ...(permit ? { permit } : {}),
    onSent,
  })
  return txHash
}

/**
 * Syncs (a fresh root), builds the transaction from the reserved notes and
 * proves it. The pendingWork row and the activity learn the nullifiers and
 * outputs before the proof starts. A rejection of `run.approval` while
 * proving ends it at once (the proof is dropped).
 */
async function prepareAndProve(deps: ExecutePaymentDependencies, run: StartedPayment) {
  const { db, activities, broadcast } = deps
  const { id } = run
  await deps.sync.run()
  const reserved = await reservedNotes(db, id)
  const expected = (await db.pendingWork.get(id))?.inputs.length ?? 0
  if (reserved.length !== expected)
    throw new InvalidNoteError('A note for this payment was spent meanwhile; try again.')
  const prepared = await prepare(deps.sync, run, reserved)
  const spent = prepared.spent.map((n) => n.commitment.toString())
  const unused = reserved.map((n) => n.commitment).filter((c) => !spent.includes(c))
  if (unused.length > 0) await releaseNotes(db, id, unused)
  const nullifiers = reserved.filter((n) => spent.includes(n.commitment)).map((n) => n.nullifier)
  await db.pendingWork.update(id, {
    stage: 'proving',
    inputs: spent,
    nullifiers,
    updatedAt: deps.now(),
  })
  await activities.update(id, {
    outputCommitments: prepared.outputs.map((o) => o.commitment.toString()),
    nullifiers,
  })
  await run.onPrepared?.(prepared)

  const proving = deps.prover.prove({
    circuit: prepared.circuit,
    input: prepared.input,
    onProgress: (stage) => {
      if (stage !== 'done') broadcast({ event: 'proof.progress', data: { stage, activityId: id } })
    },
  })
  const rejected = run.approval?.then(() => new Promise<never>(() => {}))
  if (rejected) proving.catch(() => {})
  const { proof } = await (rejected ? Promise.race([proving, rejected]) : proving)
  return { prepared, proof }
}

/** Whether the pool still keeps the batch root `prepared` was proved against (archive roots never expire; an RPC failure: assume so). */
async function rootIsKnown(
  deps: ExecutePaymentDependencies,
  run: StartedPayment,
  prepared: PreparedTransaction,
): Promise<boolean> {
  try {
    const { publicClient } = await deps.clients()
    return await publicClient.readContract({
      address: run.deployment.pool,
      abi: shieldedPoolAbi,
      functionName: 'isKnownBatchRoot',
      args: [prepared.publicInputs.batchRoot],
    })
  } catch {
    return true
  }
}

/** `promise`, or the abort reason of `signal` if that comes first. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  promise.catch(() => {}) // dropped on a cancel
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** The hash of the transaction that spent these nullifiers, from a sync (undefined if not seen). */
async function spendingTx(
  deps: ExecutePaymentDependencies,
  run: StartedPayment,
  nullifiers: readonly string[],
): Promise<Hex | undefined> {
  await deps.sync.run()
  const state = await deps.sync.poolState(run.deployment)
  return state.notes.find((n) => nullifiers.includes(n.nullifier.toString()) && n.spentTxHash)
    ?.spentTxHash
}

/**
 * Submits, and when a relay fails, asks the chain before anything else: a
 * relay that may have gone out (a timeout, a dropped connection) is watched
 * for `relayGraceMs`. Landed: its hash. Not landed: the next relayer in
 * `fallbacks` that asks no more than the payment's fee, re-proved with the
 * same notes (their nullifiers let at most one of the relays land: never
 * paid twice), else the last error. Never falls back to the public account.
 */
async function submitWithFailover(
  deps: ExecutePaymentDependencies,
  run: StartedPayment,
  proven: { prepared: PreparedTransaction; proof: Parameters<typeof toPoolProof>[1] },
  onSent: (txHash: Hex) => Promise<void>,
): Promise<Hex | undefined> {
  let current = run
  let { prepared, proof } = proven
  const fallbacks = [...(run.fallbacks ?? [])]
  for (;;) {
    try {
      return await submit(deps, current, prepared, proof, onSent)
    } catch (error) {
      if (!current.relay) throw error
      const stopped = run.control?.signal.aborted === true
      const nullifiers = (await deps.db.pendingWork.get(run.id))?.nullifiers ?? []
      const waitMs = stopped
        ? (deps.trackMs ?? 60_000)
        : certainlyNotSubmitted(error)
          ? 0
          : (deps.relayGraceMs ?? 10_000)
      const { publicClient } = await deps.clients()
      if (await waitForNullifiers(publicClient, run.deployment.pool, nullifiers, { waitMs }))
        return spendingTx(deps, run, nullifiers)
      if (stopped)
        throw new PaymentCancelledError(
          'You cancelled this payment after it was sent, and it has not landed; nothing was spent.',
        )
      const next = nextRelay(fallbacks, run.fee, prepared.circuit)
      if (!next) throw error
      const { quote: _, ...rest } = run
      current = {
        ...rest,
        relay: next.relay,
        relayer: next.relayer,
        ...(next.quote ? { quote: next.quote } : {}),
      }
      ;({ prepared, proof } = await abortable(prepareAndProve(deps, current), run.control?.signal))
      run.control?.onSending()
    }
  }
}

function nextRelay(fallbacks: RelayChoice[], fee: bigint, circuit: PreparedTransaction['circuit']) {
  for (let next = fallbacks.shift(); next; next = fallbacks.shift())
    if (next.fees[circuit] <= fee) return next
  return undefined
}

/**
 * Runs a started payment to its end: sync (a fresh root), prepare with the
 * reserved notes, prove, submit (failing over between relayers, see
 * `submitWithFailover`), then settle (notes spent) or fail (notes released,
 * the error on the activity). A cancel before sending ends it at once,
 * failed with code `cancelled`. Never throws. The pendingWork row follows
 * each stage, with the transaction hash as soon as it is known.
 */
export async function executePayment(
  deps: ExecutePaymentDependencies,
  run: StartedPayment,
): Promise<void> {
  const { db, activities, broadcast } = deps
  const { id } = run
  const signal = run.control?.signal
  const stage = (patch: Partial<PendingWorkRow>) =>
    db.pendingWork.update(id, { ...patch, updatedAt: deps.now() })
  /** The answer was no (rejected, window closed, site disconnected): nothing for the history. */
  let refused = false
  run.approval?.catch(() => {
    refused = true
  })
  try {
    let { prepared, proof } = await abortable(prepareAndProve(deps, run), signal)
    if (run.approval) {
      broadcast({ event: 'proof.progress', data: { stage: 'ready', activityId: id } })
      await abortable(run.approval, signal)
      // The window may have stayed open while the pool moved past the root of the proof.
      if (!(await rootIsKnown(deps, run, prepared)))
        ({ prepared, proof } = await abortable(prepareAndProve(deps, run), signal))
    }

    broadcast({ event: 'proof.progress', data: { stage: 'submitting', activityId: id } })
    await stage({ stage: 'submitting' })
    await activities.update(id, { status: 'submitting' })
    if (signal?.aborted) throw signal.reason
    run.control?.onSending()
    const txHash = await submitWithFailover(deps, run, { prepared, proof }, async (hash) => {
      await stage({ stage: 'submitted', txHash: hash })
      await activities.update(id, { status: 'pending', txHash: hash })
    })
    // In a block. Sync first, so that once the activity says settled the
    // balance has the change note (sync never throws; a failed one only delays it).
    await deps.sync.run()
    await settlePayment(db, activities, id, txHash)
    broadcast({ event: 'proof.progress', data: { stage: 'done', activityId: id } })
  } catch (error) {
    if (refused || error instanceof UserRejectedError)
      await discardPayment(db, activities, id).catch(() => {})
    else
      await failPayment(db, activities, id, errorMessage(error), errorCode(error)).catch(() => {})
  } finally {
    broadcast({ event: 'state.changed' })
  }
}
