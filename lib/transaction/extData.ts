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
  /** 179 bytes each: the two outputs, sealed to their recipients. */
  encryptedOutput1: Hex
  encryptedOutput2: Hex
  /** 165 bytes: the sender's own record of the transaction, sealed to its outgoing key. */
  encryptedHistory: Hex
}

/** Where a proof may be used: one pool on one chain. */
export type PoolId = { chainId: number; pool: Address }

const extDataAbi = [
  { type: 'uint256' },
  { type: 'address' },
  {
    type: 'tuple',
    components: [
      { name: 'recipient', type: 'address' },
      { name: 'extAmount', type: 'int256' },
      { name: 'relayer', type: 'address' },
      { name: 'fee', type: 'uint256' },
      { name: 'encryptedOutput1', type: 'bytes' },
      { name: 'encryptedOutput2', type: 'bytes' },
      { name: 'encryptedHistory', type: 'bytes' },
    ],
  },
] as const

/**
 * `extDataHash = keccak256(abi.encode(chainId, pool, extData)) mod p`, as the
 * pool computes it: a proof made for one pool is refused by every other.
 */
export function hashExtData(extData: ExtData, { chainId, pool }: PoolId): bigint {
  return (
    BigInt(keccak256(encodeAbiParameters(extDataAbi, [BigInt(chainId), pool, extData]))) %
    FIELD_SIZE
  )
}

/** `publicAmount = (extAmount - fee) mod p`, as the pool computes it. */
export function publicAmountOf(extAmount: bigint, fee: bigint): bigint {
  return (((extAmount - fee) % FIELD_SIZE) + FIELD_SIZE) % FIELD_SIZE
}

export const noRecipient: Address = zeroAddress
