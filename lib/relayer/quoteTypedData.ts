import type { Address, TypedDataDomain } from 'viem'
import type { RelayerQuote } from './types.js'

/** The EIP-712 types of a relayer's fee quote. */
export const quoteTypes = {
  Quote: [
    { name: 'relayer', type: 'address' },
    { name: 'pools', type: 'address[]' },
    { name: 'flat', type: 'uint256' },
    { name: 'perGas', type: 'uint256' },
    { name: 'gasTx1', type: 'uint256' },
    { name: 'gasTx2', type: 'uint256' },
    { name: 'gasTx8', type: 'uint256' },
    { name: 'validUntil', type: 'uint256' },
  ],
} as const

/** The EIP-712 domain of a relayer's quotes on `chainId`. */
export function quoteDomain(chainId: number): TypedDataDomain {
  return { name: 'zkpay relayer', version: '1', chainId }
}

/** A quote's signed content, with numbers as bigints. */
export type QuoteMessage = {
  relayer: Address
  pools: readonly Address[]
  flat: bigint
  perGas: bigint
  gasTx1: bigint
  gasTx2: bigint
  gasTx8: bigint
  /** Unix time in seconds. */
  validUntil: bigint
}

/** The signed content of a quote in its wire form. */
export function toQuoteMessage(quote: Omit<RelayerQuote, 'signature' | 'chainId'>): QuoteMessage {
  return {
    relayer: quote.relayer,
    pools: quote.pools,
    flat: BigInt(quote.fee.flat),
    perGas: BigInt(quote.fee.perGas),
    gasTx1: BigInt(quote.gasEstimate.tx1),
    gasTx2: BigInt(quote.gasEstimate.tx2),
    gasTx8: BigInt(quote.gasEstimate.tx8),
    validUntil: BigInt(quote.validUntil),
  }
}
