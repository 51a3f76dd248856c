import type { CircuitName } from '../../lib/circuits.js'
import { RelayError } from '../../lib/errors.js'
import type { GasEstimates } from '../../lib/relayer/types.js'

/** What the fee check needs of a rule (see feeRule.ts). */
export type FeeCheckRule = { flat: bigint; perGas: bigint; gasEstimate: GasEstimates }

/**
 * The fee a transaction owes: `flat + perGas * gas` for its simulated gas.
 * A transaction that simulates above the gas quoted for its circuit is
 * `gas_over_quote`: wallets set the fee from the quote, and the relayer
 * never pays for gas it did not quote.
 */
export function requiredFee(
  rule: FeeCheckRule,
  circuit: CircuitName,
  simulatedGas: bigint,
): { fee: bigint; gas: bigint } {
  const quoted = BigInt(rule.gasEstimate[circuit])
  if (simulatedGas > quoted)
    throw new RelayError(
      'gas_over_quote',
      `The transaction needs ${simulatedGas} gas, more than the ${quoted} quoted for ${circuit}.`,
    )
  return { fee: rule.flat + rule.perGas * simulatedGas, gas: simulatedGas }
}

/**
 * `fee_too_low`, with the fee needed, unless `fee` covers {@link requiredFee};
 * a relay with no fee at all is refused whatever the rule (it moves no value
 * to the relayer and only fills the tree).
 */
export function checkFee(
  rule: FeeCheckRule,
  circuit: CircuitName,
  simulatedGas: bigint,
  fee: bigint,
): void {
  checkFeePaid(fee)
  const required = requiredFee(rule, circuit, simulatedGas)
  if (fee < required.fee)
    throw new RelayError(
      'fee_too_low',
      `The fee ${fee} is below the required ${required.fee} (${rule.flat} + ${rule.perGas} per gas for ${required.gas} gas).`,
    )
}

/** Refuses a zero fee before the proof is checked or anything simulated: the cheapest refusal. */
export function checkFeePaid(fee: bigint): void {
  if (fee <= 0n)
    throw new RelayError(
      'fee_too_low',
      'A relay must pay a fee: this relayer does not relay value-less transactions.',
    )
}
