import { type Address, encodeAbiParameters, type Hex, keccak256, zeroAddress } from 'viem'
import { FIELD_SIZE } from '../field.js'

/** External data of a transaction, bound into its proof by `extDataHash`. */
export type ExtData = {
  /** Receives an unshield; the zero address otherwise. */
  recipient: Address
  /** > 0 shields (pulled from the sender), < 0 unshields, 0 is a private transfer. */
  extAmount: bigint
  relayer: Address
  fee: bigint
  encryptedOutput1: Hex
  encryptedOutput2: Hex
}

const extDataAbi = [
  {
    type: 'tuple',
    components: [
      { name: 'recipient', type: 'address' },
      { name: 'extAmount', type: 'int256' },
      { name: 'relayer', type: 'address' },
      { name: 'fee', type: 'uint256' },
      { name: 'encryptedOutput1', type: 'bytes' },
      { name: 'encryptedOutput2', type: 'bytes' },
    ],
  },
] as const

/** `extDataHash = keccak256(abi.encode(extData)) mod p`, as the pool computes it. */
export function hashExtData(extData: ExtData): bigint {
  return BigInt(keccak256(encodeAbiParameters(extDataAbi, [extData]))) % FIELD_SIZE
}

/** `publicAmount = (extAmount - fee) mod p`, as the pool computes it. */
export function publicAmountOf(extAmount: bigint, fee: bigint): bigint {
  return (((extAmount - fee) % FIELD_SIZE) + FIELD_SIZE) % FIELD_SIZE
}

export const noRecipient: Address = zeroAddress
