import { AMOUNT_LIMIT } from './amount.js'
import { InvalidAmountError, InvalidNoteError } from './errors.js'
import { isField, randomFieldElement } from './field.js'
import { MAX_DEPTH } from './merkleTree.js'
import { hash3 } from './poseidon.js'

const MAX_LEAF_INDEX = 2 ** MAX_DEPTH - 1

/** A shielded note: `amount` base units owned by `ownerKey`, hidden by `blinding`. */
export type Note = {
  /** In `[0, 2^248)`. */
  amount: bigint
  /** `P = H1(sk)` of the owner. */
  ownerKey: bigint
  /** A uniformly random field element. */
  blinding: bigint
}

/**
 * Creates a note after checking its ranges: `amount` in `[0, 2^248)`
 * ({@link InvalidAmountError}), `ownerKey` and `blinding` field elements
 * ({@link InvalidNoteError}). A fresh random blinding is drawn when omitted.
 */
export function createNote({
  amount,
  ownerKey,
  blinding = randomFieldElement(),
}: {
  amount: bigint
  ownerKey: bigint
  blinding?: bigint
}): Note {
  assertNote({ amount, ownerKey, blinding })
  return { amount, ownerKey, blinding }
}

/** The note commitment `C = H3(amount, P, blinding)`, the tree leaf. */
export function commitment(note: Note): bigint {
  assertNote(note)
  return hash3(note.amount, note.ownerKey, note.blinding)
}

/**
 * The nullifier `N = H3(sk, C, leafIndex)` published when the note at
 * `leafIndex` is spent. Only the owner of `sk` can compute it, and it is
 * unlinkable to `C` for everyone else.
 */
export function nullifier({
  commitment,
  leafIndex,
  spendingKey,
}: {
  commitment: bigint
  leafIndex: number | bigint
  spendingKey: bigint
}): bigint {
  if (!isField(commitment)) throw new InvalidNoteError('The commitment is not a field element.')
  if (!isField(spendingKey) || spendingKey === 0n) {
    throw new InvalidNoteError('The spending key is not a non-zero field element.')
  }
  const index =
    typeof leafIndex === 'bigint' || Number.isInteger(leafIndex) ? BigInt(leafIndex) : -1n
  if (index < 0n || index > BigInt(MAX_LEAF_INDEX)) {
    throw new InvalidNoteError(`The leaf index must be an integer from 0 to ${MAX_LEAF_INDEX}.`, {
      details: `Got ${leafIndex}.`,
    })
  }
  return hash3(spendingKey, commitment, index)
}

function assertNote(note: Note): void {
  if (typeof note.amount !== 'bigint' || note.amount < 0n || note.amount >= AMOUNT_LIMIT) {
    throw new InvalidAmountError('A note amount must be a bigint in [0, 2^248).', {
      details: `Got ${String(note.amount)}.`,
    })
  }
  if (!isField(note.ownerKey))
    throw new InvalidNoteError('The note owner key is not a field element.')
  if (!isField(note.blinding))
    throw new InvalidNoteError('The note blinding is not a field element.')
}
