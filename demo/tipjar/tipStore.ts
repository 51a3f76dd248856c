import type { Hex } from 'viem'
import { DemoError } from '../shared/server/errors.js'

/** One accepted tip. */
export type Tip = {
  /** Base units. */
  amount: bigint
  txHash: Hex
  blockNumber: bigint
  /** When the tip jar accepted it, ms since the epoch. */
  at: number
}

export type TipStore = ReturnType<typeof createTipStore>

/**
 * The tip jar's running total, in memory, and the commitments it has
 * accepted so that a receipt counts once.
 */
export function createTipStore({ recentLimit = 10 }: { recentLimit?: number } = {}) {
  const accepted = new Set<string>()
  const recent: Tip[] = []
  let total = 0n
  let count = 0

  const totals = () => ({ total, count })

  return {
    totals,

    /** The latest tips, newest first. */
    recent: (): readonly Tip[] => recent,

    /** Records a tip paid by the output with this commitment, once. */
    add(commitmentKey: string, tip: Tip) {
      if (accepted.has(commitmentKey))
        throw new DemoError('receipt_reused', 'This receipt has already been counted as a tip.')
      accepted.add(commitmentKey)
      total += tip.amount
      count++
      recent.unshift(tip)
      recent.length = Math.min(recent.length, recentLimit)
      return totals()
    },
  }
}
