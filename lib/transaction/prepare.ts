import type { Address } from 'viem'
import { decodeAddress, type ShieldedAddress } from '../address.js'
import { InvalidAmountError, InvalidNoteError } from '../errors.js'
import { type OwnedNote, type PoolState, unspentNotes } from '../sync/poolState.js'
import {
  buildTransaction,
  type PreparedTransaction,
  type TransactionKeys,
} from './buildTransaction.js'
import { anchorsFit } from './chooseRoots.js'
import type { PoolId } from './extData.js'
import { selectNotes } from './selectNotes.js'

/** The keys a wallet spends with (from `deriveKeys`). */
export type SpendingKeys = TransactionKeys

type Common = {
  keys: SpendingKeys
  state: PoolState
  /** The chain the pool is on: proofs are bound to it and to the pool. */
  chainId: number
  /** Commitments of notes not to spend (pending in another payment). */
  exclude?: ReadonlySet<bigint>
}
type Relayed = { fee?: bigint; relayer?: Address }

function self(keys: SpendingKeys, amount: bigint, memo?: string) {
  return {
    amount,
    ownerKey: keys.ownerKey,
    viewingPublicKey: keys.viewingKey.publicKey,
    ...(memo ? { memo } : {}),
  }
}

function positive(amount: bigint, what: string) {
  if (amount <= 0n) throw new InvalidAmountError(`The ${what} must be more than zero.`)
}

/** Moves tokens from the public account into a new shielded note. */
export function prepareShield(
  params: Common & { amount: bigint; memo?: string; from: Address },
): Promise<PreparedTransaction> {
  positive(params.amount, 'amount to shield')
  return buildTransaction({
    ...base(params),
    history: { kind: 'shield', from: params.from, amount: params.amount, memo: params.memo ?? '' },
    inputs: [],
    outputs: [self(params.keys, params.amount, params.memo)],
    extAmount: params.amount,
  })
}

/** Pays `amount` to a shielded address; change (if any) comes back to us. */
export function prepareTransfer(
  params: Common & Relayed & { to: string | ShieldedAddress; amount: bigint; memo?: string },
): Promise<PreparedTransaction> {
  positive(params.amount, 'amount')
  const to = typeof params.to === 'string' ? decodeAddress(params.to) : params.to
  const fee = params.fee ?? 0n
  const { inputs, change } = spend(params, params.amount + fee)
  return buildTransaction({
    ...base(params),
    history: {
      kind: 'pay',
      to:
        typeof params.to === 'string'
          ? (params.to.trim().toLowerCase() as ShieldedAddress)
          : params.to,
      amount: params.amount,
      memo: params.memo ?? '',
    },
    inputs,
    outputs: [
      {
        amount: params.amount,
        ownerKey: to.ownerKey,
        viewingPublicKey: to.viewingPublicKey,
        ...(params.memo ? { memo: params.memo } : {}),
      },
      self(params.keys, change),
    ],
    fee,
    ...(params.relayer ? { relayer: params.relayer } : {}),
  })
}

/** Sends `amount` out of the pool to a public address. */
export function prepareUnshield(
  params: Common & Relayed & { recipient: Address; amount: bigint },
): Promise<PreparedTransaction> {
  positive(params.amount, 'amount to unshield')
  const fee = params.fee ?? 0n
  const { inputs, change } = spend(params, params.amount + fee)
  return buildTransaction({
    ...base(params),
    history: { kind: 'unshield', to: params.recipient, amount: params.amount, memo: '' },
    inputs,
    outputs: [self(params.keys, change)],
    extAmount: -params.amount,
    fee,
    recipient: params.recipient,
    ...(params.relayer ? { relayer: params.relayer } : {}),
  })
}

/** Merges up to `maxInputs` of the smallest notes into one (what tips leave behind). */
export function prepareMerge(
  params: Common & Relayed & { maxInputs?: number },
): Promise<PreparedTransaction> {
  const fee = params.fee ?? 0n
  const notes = fitting(
    params.state,
    spendable(params).sort((a, b) => (a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0)),
  ).slice(0, params.maxInputs ?? 8)
  if (notes.length < 2)
    throw new InvalidNoteError('There is nothing to merge: fewer than two notes.')
  const total = notes.reduce((s, n) => s + n.amount, 0n)
  if (total <= fee) throw new InvalidAmountError('The notes to merge do not cover the fee.')
  return buildTransaction({
    ...base(params),
    history: { kind: 'merge', amount: total - fee, memo: '' },
    inputs: notes,
    outputs: [self(params.keys, total - fee)],
    fee,
    ...(params.relayer ? { relayer: params.relayer } : {}),
  })
}

/**
 * The longest prefix of `notes` that one transaction can spend together (one
 * unfolded batch, two epochs): only ever short across an epoch boundary.
 */
function fitting(state: PoolState, notes: OwnedNote[]): OwnedNote[] {
  const kept: OwnedNote[] = []
  for (const note of notes) {
    const anchors = [...kept, note].map((n) => state.tree.anchorOf(n.leafIndex))
    if (anchorsFit(anchors)) kept.push(note)
  }
  return kept
}

function spendable({ state, exclude }: Common) {
  const notes = unspentNotes(state)
  return exclude ? notes.filter((n) => !exclude.has(n.commitment)) : notes
}

/** The notes to spend for `target`, and what comes back as change. */
function spend(params: Common, target: bigint) {
  let inputs = selectNotes(spendable(params), target)
  const anchors = inputs.map((n) => params.state.tree.anchorOf(n.leafIndex))
  if (!anchorsFit(anchors)) inputs = selectNotes(fitting(params.state, spendable(params)), target)
  return { inputs, change: inputs.reduce((s, n) => s + n.amount, 0n) - target }
}

function base({ keys, state, chainId }: Common): {
  keys: SpendingKeys
  tree: PoolState['tree']
  poolId: PoolId
} {
  return { keys, tree: state.tree, poolId: { chainId, pool: state.pool } }
}
