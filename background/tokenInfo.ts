import type { Address, PublicClient } from 'viem'
import { testTokenAbi } from '../lib/contracts/artifacts.js'
import type { WalletDb } from './db.js'

export type TokenInfo = { symbol: string; decimals: number }

/**
 * A pool token's symbol and decimals: read from the chain once, then from
 * the `settings` store. Until the chain answers: '?' with 18 decimals.
 */
export async function getTokenInfo(
  db: WalletDb,
  publicClient: PublicClient,
  token: Address,
): Promise<TokenInfo> {
  const key = `token:${token}`
  const cached = (await db.settings.get(key))?.value as TokenInfo | undefined
  if (cached) return cached
  try {
    const [symbol, decimals] = await Promise.all([
      publicClient.readContract({ address: token, abi: testTokenAbi, functionName: 'symbol' }),
      publicClient.readContract({ address: token, abi: testTokenAbi, functionName: 'decimals' }),
    ])
    const info = { symbol, decimals: Number(decimals) }
    await db.settings.put({ key, value: info })
    return info
  } catch {
    return { symbol: '?', decimals: 18 }
  }
}
