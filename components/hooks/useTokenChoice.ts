import { useState } from 'react'
import type { TokenBalance } from '../../background/messages.js'

/** The token a form works on: the one chosen on Home, else the first pool. */
export function useTokenChoice(balances: TokenBalance[] | undefined, initial?: `0x${string}`) {
  const [pool, setPool] = useState(initial)
  const balance = balances?.find((b) => b.pool === pool) ?? balances?.[0]
  return { balance, setPool }
}
