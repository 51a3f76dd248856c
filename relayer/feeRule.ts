import type { GasEstimates, RelayerFeeRule } from '../lib/relayer/types.js'
import type { RelayerContext } from './context.js'

/** The fee rule in force: `fee >= flat + perGas * gas`, for at most `gasEstimate` gas per circuit. */
export type FeeRule = {
  flat: bigint
  perGas: bigint
  gasEstimate: GasEstimates
  basis: RelayerFeeRule['basis']
  gasPrice: bigint
}

/**
 * The relayer's fee rule now: the configured `perGas`, or, by default, the
 * chain's gas price times `FEE_GAS_PRICE_FACTOR` (never below 1), so that a
 * relayer started with no fee settings still charges for its gas.
 */
export async function currentFeeRule(
  context: Pick<RelayerContext, 'config' | 'gasPrice'>,
): Promise<FeeRule> {
  const { fee, gasEstimate } = context.config
  const gasPrice = await context.gasPrice()
  const derived = gasPrice * fee.gasPriceFactor
  return {
    flat: fee.flat,
    perGas: fee.perGas ?? (derived > 0n ? derived : 1n),
    gasEstimate: { ...gasEstimate },
    basis: fee.perGas === undefined ? 'gasPrice' : 'fixed',
    gasPrice,
  }
}
