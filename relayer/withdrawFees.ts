import { type Address, encodeFunctionData } from 'viem'
import { shieldedPoolAbi } from '../lib/contracts/artifacts.js'
import type { RelayerContext } from './context.js'

/** What the pool holds for this relayer (fees accrue there, not in its account). */
export function feesEarned(context: RelayerContext, pool: Address): Promise<bigint> {
  return context.publicClient.readContract({
    address: pool,
    abi: shieldedPoolAbi,
    functionName: 'relayerFees',
    args: [context.account.address],
  })
}

/**
 * Withdraws the relayer's fees from `pool` to its own account once they reach
 * `FEE_WITHDRAW_AT` (never when that is 0). Runs after a relay has answered,
 * with the same nonce manager; a failure is logged and retried after the
 * next relay, since the fees stay in the pool.
 */
export async function maybeWithdrawFees(
  context: RelayerContext,
  pool: Address,
  log: (fields: Record<string, unknown>, message: string) => void,
): Promise<void> {
  const threshold = context.config.feeWithdrawAt
  if (threshold <= 0n) return
  try {
    const earned = await feesEarned(context, pool)
    if (earned < threshold || earned <= 1n) return
    const data = encodeFunctionData({
      abi: shieldedPoolAbi,
      functionName: 'withdrawFees',
      args: [context.account.address],
    })
    const fees = await context.publicClient.estimateFeesPerGas()
    const hash = await context.nonces.send(async (nonce) =>
      context.walletClient.sendRawTransaction({
        serializedTransaction: await context.account.signTransaction({
          type: 'eip1559',
          chainId: context.chain.id,
          to: pool,
          data,
          gas: 120_000n,
          nonce,
          maxFeePerGas: fees.maxFeePerGas,
          maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
        }),
      }),
    )
    log({ pool, amount: (earned - 1n).toString(), txHash: hash }, 'fees withdrawn')
  } catch (error) {
    log(
      { pool, reason: error instanceof Error ? error.message : String(error) },
      'fee withdrawal failed',
    )
  }
}
