import { useEffect, useState } from 'react'
import { errorMessage, send } from '../api.js'

export type FeeQuote =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; fee: bigint; circuit: string }
  | { state: 'error'; error: string }

/**
 * The fee `tx.quoteFee` quotes for spending `amount` from `pool`, asked again
 * 300 ms after the amount last changed; `idle` without a valid amount.
 */
export function useFeeQuote(pool: `0x${string}` | undefined, amount: bigint | undefined): FeeQuote {
  const [quote, setQuote] = useState<FeeQuote>({ state: 'idle' })
  useEffect(() => {
    if (!pool || amount === undefined) {
      setQuote({ state: 'idle' })
      return
    }
    let current = true
    setQuote({ state: 'loading' })
    const timer = setTimeout(async () => {
      try {
        const { fee, circuit } = await send('tx.quoteFee', { pool, amount: amount.toString() })
        if (current) setQuote({ state: 'ready', fee: BigInt(fee), circuit })
      } catch (cause) {
        if (current) setQuote({ state: 'error', error: errorMessage(cause) })
      }
    }, 300)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [pool, amount])
  return quote
}
