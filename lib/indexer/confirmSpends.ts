import type { PublicClient } from 'viem'
import type { OwnedNote, PoolState } from '../sync/poolState.js'
import { checkNullifiersOnChain } from './checkNullifiersOnChain.js'

export type ConfirmSpendsParameters = {
  publicClient: PublicClient
  state: PoolState
  /** The block the state was synced to: the chain is asked at it. */
  toBlock: bigint
  /** Notes the sync just marked spent (`syncPool`'s `spent`). */
  spent: readonly OwnedNote[]
}

export type ConfirmSpendsReturnType = {
  /** The notes spent on chain as of `toBlock`, among the sync's and the unspent ones. */
  spent: OwnedNote[]
  /** Notes whose spent flag the chain overturned. */
  corrected: OwnedNote[]
}

/**
 * Makes every note's spent flag the chain's after a sync whose nullifiers came
 * from an indexer: the notes the sync marked spent (a fake nullifier must not
 * hide a note) and every unspent one (a nullifier left out must not leave a
 * spent note on show, to fail when it is spent again). Asks the pool's
 * `nullifierHashes` at `toBlock` about those notes only; updates `state` in
 * place (notes and the nullifier set).
 */
export async function confirmSpends(
  params: ConfirmSpendsParameters,
): Promise<ConfirmSpendsReturnType> {
  const { publicClient, state, toBlock } = params
  const justSpent = new Set(params.spent.map((n) => n.nullifier))
  const asked = state.notes.filter((n) => !n.spent || justSpent.has(n.nullifier))
  const onChain = await checkNullifiersOnChain(
    publicClient,
    state.pool,
    asked.map((n) => n.nullifier),
    { blockNumber: toBlock },
  )
  const spent: OwnedNote[] = []
  const corrected: OwnedNote[] = []
  for (const note of asked) {
    const isSpent = onChain.get(note.nullifier) === true
    if (isSpent) spent.push(note)
    if (isSpent === note.spent) continue
    corrected.push(note)
    note.spent = isSpent
    if (isSpent) state.nullifiers.add(note.nullifier)
    else {
      state.nullifiers.delete(note.nullifier)
      delete note.spentTxHash
      delete note.spentBlockNumber
    }
  }
  return { spent, corrected }
}
