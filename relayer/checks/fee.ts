import type { CircuitName } from '../../lib/circuits.js'
import { RelayError } from '../../lib/errors.js'
import { relayFee } from '../../lib/relayer/relayFee.js'
import type { RelayerConfig } from '../config.js'

/**
 * The fee this transaction owes: `flat + perGas * gas` for its simulated gas,
 * but never more than for the gas quoted for its circuit (wallets set the fee
 * from the quote, before the transaction exists).
 */
export function requiredFee(
  config: Pick<RelayerConfig, 'fee' | 'gasEstimate'>,
  circuit: CircuitName,
  simulatedGas: bigint,
): { fee: bigint; gas: bigint } {
  const quoted = BigInt(config.gasEstimate[circuit])
  const gas = simulatedGas < quoted ? simulatedGas : quoted
  return { fee: relayFee(config, gas), gas }
}

/** `fee_too_low`, with the fee needed, unless `fee` covers {@link requiredFee}. */
export function checkFee(
  config: Pick<RelayerConfig, 'fee' | 'gasEstimate'>,
  circuit: CircuitName,
  simulatedGas: bigint,
  fee: bigint,
): void {
  const required = requiredFee(config, circuit, simulatedGas)
  if (fee < required.fee)
    throw new RelayError(
      'fee_too_low',
      `The fee ${fee} is below the required ${required.fee} (${config.fee.flat} + ${config.fee.perGas} per gas for ${required.gas} gas).`,
    )
}
