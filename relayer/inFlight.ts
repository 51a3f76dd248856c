import { RelayError } from '../lib/errors.js'

/** Nullifiers of relays that passed the chain checks and are not yet settled. */
export type InFlightNullifiers = {
  /** Claims `nullifiers` for one relay; returns the release. Throws `nullifier_spent` when another relay holds one. */
  claim(nullifiers: readonly bigint[]): () => void
}

/**
 * Refuses a second relay of a note while the first is on its way, which the
 * chain cannot do yet: both would pass the checks and the second would burn
 * the relayer's gas on a revert.
 */
export function createInFlightNullifiers(): InFlightNullifiers {
  const held = new Set<bigint>()
  return {
    claim(nullifiers) {
      const taken = nullifiers.find((n) => held.has(n))
      if (taken !== undefined)
        throw new RelayError('nullifier_spent', `Nullifier ${taken} is already being relayed.`)
      for (const n of nullifiers) held.add(n)
      return () => {
        for (const n of nullifiers) held.delete(n)
      }
    },
  }
}
