/** The largest amount a payment can send with its fee, and that fee. */
export type MaxAmount = { amount: bigint; fee: bigint }

/**
 * The largest amount whose fee still fits: `amount + fee <= balance`, equal
 * when the quotes allow it. The fee depends on the notes the amount spends
 * (more notes, a larger circuit), so the amount is quoted and corrected until
 * the fee it was computed with is the fee quoted for it (at most `rounds`
 * quotes). `quote(amount)` answers the fee, or throws when the amount plus
 * its fee does not fit. Every answer was quoted for exactly its amount.
 */
export async function maxAmount(
  balance: bigint,
  quote: (amount: bigint) => Promise<bigint>,
  rounds = 8,
): Promise<MaxAmount> {
  if (balance <= 0n) throw new Error('There is nothing shielded to send.')
  let best: MaxAmount | undefined
  let lastError: unknown
  // Without a fee (no relayer) the whole balance goes; otherwise the first refusal
  // says the balance cannot pay its own fee, and the smallest fee is the first guess.
  let guess = 0n
  for (let round = 0; round < rounds; round++) {
    const amount = balance - guess
    if (amount <= 0n) break
    let fee: bigint
    try {
      fee = await quote(amount)
    } catch (error) {
      lastError = error
      if (guess === 0n) {
        const smallest = await quote(1n).catch(() => undefined)
        if (smallest === undefined || smallest === 0n) break
        guess = smallest
      } else guess *= 2n
      continue
    }
    if (amount + fee <= balance) {
      if (!best || amount > best.amount) best = { amount, fee }
      if (amount + fee === balance) return best
    }
    // The fee this amount pays differs from the one it was computed with: again with it.
    if (fee === guess) break
    guess = fee
  }
  if (best) return best
  if (lastError instanceof Error) throw lastError
  throw new Error('No amount fits in the shielded balance after the fee.')
}
