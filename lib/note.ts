import { AMOUNT_LIMIT } from './amount.js'
import { InvalidAmountError, InvalidNoteError } from './errors.js'
import { FIELD_SIZE, isField, randomFieldElement } from './field.js'
import { hash2, hash4 } from './poseidon.js'

/** A shielded note: `amount` base units owned by `ownerKey`, hidden by `blinding`. */
export type Note = {
  /** In `[0, 2^128)`. */
  amount: bigint
  /** `P = H2(sk, nk)` of the owner. */
  ownerKey: bigint
  /** A uniformly random field element. */
  blinding: bigint
  /**
   * `rho`: what makes the note unique, `(N_0 + j) mod p` for output `j` of a
   * transaction whose first nullifier is `N_0` (see {@link outputRho}).
   */
  rho: bigint
}

/**
 * Creates a note after checking its ranges: `amount` in `[0, 2^128)`
 * ({@link InvalidAmountError}), `ownerKey`, `blinding` and `rho` field
 * elements ({@link InvalidNoteError}). A fresh random blinding is drawn when
 * omitted.
 */
export function createNote({
  amount,
  ownerKey,
  blinding = randomFieldElement(),
  rho,
}: {
  amount: bigint
  ownerKey: bigint
  blinding?: bigint
  rho: bigint
}): Note {
  assertNote({ amount, ownerKey, blinding, rho })
  return { amount, ownerKey, blinding, rho }
}

/** The note commitment `C = H4(amount, P, blinding, rho)`, the tree leaf. */
export function commitment(note: Note): bigint {
  assertNote(note)
  return hash4(note.amount, note.ownerKey, note.blinding, note.rho)
}

/**
 * `rho` of output `index` (0 or 1) of a transaction whose first input
 * nullifier is `firstNullifier`: `(N_0 + index) mod p`. Nullifiers are unique
 * on chain, so no two notes ever share a `rho`, hence a commitment, hence a
 * nullifier.
 */
export function outputRho(firstNullifier: bigint, index: 0 | 1): bigint {
  if (!isField(firstNullifier)) throw new InvalidNoteError('The nullifier is not a field element.')
  return (firstNullifier + BigInt(index)) % FIELD_SIZE
}

/**
 * The nullifier `N = H2(nk, C)` published when the note is spent. Only a
 * holder of the nullifier key (the wallet, or its full viewing key) can
 * compute it, and it is unlinkable to `C` for everyone else.
 */
export function nullifier({
  commitment,
  nullifierKey,
}: {
  commitment: bigint
  nullifierKey: bigint
}): bigint {
  if (!isField(commitment)) throw new InvalidNoteError('The commitment is not a field element.')
  if (!isField(nullifierKey) || nullifierKey === 0n) {
    throw new InvalidNoteError('The nullifier key is not a non-zero field element.')
  }
  return hash2(nullifierKey, commitment)
}

/** `P = H2(sk, nk)`: the owner key a spending key and a nullifier key make. */
export function ownerKeyOf(spendingKey: bigint, nullifierKey: bigint): bigint {
  return hash2(spendingKey, nullifierKey)
}

function assertNote(note: Note): void {
  if (typeof note.amount !== 'bigint' || note.amount < 0n || note.amount >= AMOUNT_LIMIT) {
    throw new InvalidAmountError('A note amount must be a bigint in [0, 2^128).', {
      details: `Got ${String(note.amount)}.`,
    })
  }
  if (!isField(note.ownerKey))
    throw new InvalidNoteError('The note owner key is not a field element.')
  if (!isField(note.blinding))
    throw new InvalidNoteError('The note blinding is not a field element.')
  if (!isField(note.rho)) throw new InvalidNoteError('The note rho is not a field element.')
}
