import type { CircuitName } from '../circuits.js'
import type { RelayerStatus } from './types.js'

/** The fee a relayer asks for a transaction of `gas` gas: `flat + perGas * gas`, in token base units. */
export function relayFee(status: Pick<RelayerStatus, 'fee'>, gasEstimate: bigint): bigint {
  return status.fee.flat + status.fee.perGas * gasEstimate
}

/**
 * The fee for a transaction on `circuit`, from the relayer's quoted gas for it:
 * what a wallet puts in `extData.fee` before proving. The relayer never asks
 * more than this for that circuit.
 */
export function circuitFee(
  status: Pick<RelayerStatus, 'fee' | 'gasEstimate'>,
  circuit: CircuitName,
): bigint {
  return relayFee(status, BigInt(status.gasEstimate[circuit]))
}
