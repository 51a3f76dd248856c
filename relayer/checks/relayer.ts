import { type Address, isAddressEqual } from 'viem'
import { RelayError } from '../../lib/errors.js'

/** The fee goes to `extData.relayer`, so it must be this relayer's account. */
export function checkRelayer(extDataRelayer: Address, relayer: Address): void {
  if (!isAddressEqual(extDataRelayer, relayer))
    throw new RelayError(
      'wrong_relayer',
      `extData.relayer is ${extDataRelayer}, but this relayer is ${relayer}: the fee would go elsewhere.`,
    )
}
