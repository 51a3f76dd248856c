import type { Address, PublicClient } from 'viem'
import { shieldedPoolAbi } from '../lib/contracts/artifacts.js'

/** Whether every one of a payment's input nullifiers is spent in the pool: then it landed. */
export async function nullifiersSpent(
  publicClient: PublicClient,
  pool: Address,
  nullifiers: readonly string[],
): Promise<boolean> {
  if (nullifiers.length === 0) return false
  const spent = await Promise.all(
    nullifiers.map((n) =>
      publicClient.readContract({
        address: pool,
        abi: shieldedPoolAbi,
        functionName: 'nullifierHashes',
        args: [BigInt(n)],
      }),
    ),
  )
  return spent.every(Boolean)
}

/**
 * Looks on chain, every `intervalMs` for up to `waitMs`, whether a payment
 * whose relay may have gone out landed (its nullifiers spent). False once
 * the time is up: then it did not land by then.
 */
export async function waitForNullifiers(
  publicClient: PublicClient,
  pool: Address,
  nullifiers: readonly string[],
  { waitMs, intervalMs = 500 }: { waitMs: number; intervalMs?: number },
): Promise<boolean> {
  const until = Date.now() + waitMs
  for (;;) {
    if (await nullifiersSpent(publicClient, pool, nullifiers)) return true
    if (Date.now() >= until) return false
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, until - Date.now()))))
  }
}
