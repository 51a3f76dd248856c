import { MAX_INPUTS } from '../circuits.js'
import { InsufficientBalanceError, TooManyInputsError } from '../errors.js'

export type SelectableNote = { amount: bigint }

/**
 * Picks the notes to spend for `target`, preferring the smallest circuit:
 * one note if any covers it (the smallest such), else the best-fitting pair,
 * else up to eight notes, largest first. Throws when the balance is short, or
 * when more than eight notes would be needed (merge them first).
 */
export function selectNotes<note extends SelectableNote>(
  notes: readonly note[],
  target: bigint,
): note[] {
  if (target <= 0n) return []
  const total = notes.reduce((sum, n) => sum + n.amount, 0n)
  if (total < target)
    throw new InsufficientBalanceError('Not enough shielded balance for this payment.', {
      details: `needs ${target}, has ${total}`,
    })
  const byAmount = [...notes].sort((a, b) =>
    a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0,
  )

  const single = byAmount.find((n) => n.amount >= target)
  if (single) return [single]

  let bestPair: [note, note] | undefined
  let bestSum = 0n
  // Two pointers over the sorted list: the smallest pair sum that covers target.
  for (let i = 0, j = byAmount.length - 1; i < j; ) {
    const sum = byAmount[i]!.amount + byAmount[j]!.amount
    if (sum >= target) {
      if (!bestPair || sum < bestSum) {
        bestPair = [byAmount[i]!, byAmount[j]!]
        bestSum = sum
      }
      j--
    } else i++
  }
  if (bestPair) return bestPair

  const chosen: note[] = []
  let sum = 0n
  for (const n of byAmount.reverse()) {
    chosen.push(n)
    sum += n.amount
    if (sum >= target) break
  }
  if (chosen.length > MAX_INPUTS)
    throw new TooManyInputsError(
      `This payment needs ${chosen.length} notes; merge small notes first (at most ${MAX_INPUTS} per transaction).`,
    )
  return chosen
}
