import type { Address, Hex } from 'viem'
import type { CircuitName } from '../circuits.js'
import type { RelayErrorCode } from '../errors.js'
import type { PoolProof } from '../pool/transactArgs.js'
import type { SolidityProof } from '../prover/types.js'
import type { ExtData } from '../transaction/extData.js'

/** A decimal integer as a string: token base units, field elements, gas. */
export type DecimalString = string

/** One pool a relayer serves, with its token. */
export type RelayerPool = {
  pool: Address
  token: Address
  symbol: string
  decimals: number
}

/** Gas a relayer quotes fees with before a transaction exists, per circuit. */
export type GasEstimates = Record<CircuitName, number>

/**
 * A relayer's fee quote, signed by its account (EIP-712, see
 * quoteTypedData.ts): the relayer honours this rule for a relay that carries
 * the quote until `validUntil`, and charges at most `gasEstimate` gas per circuit.
 */
export type RelayerQuote = {
  relayer: Address
  chainId: number
  pools: Address[]
  fee: { flat: DecimalString; perGas: DecimalString }
  gasEstimate: GasEstimates
  /** Unix time in seconds. */
  validUntil: number
  signature: Hex
}

/** How a relayer sets its fee per gas: fixed by its operator, or following the chain's gas price. */
export type RelayerFeeRule = {
  basis: 'fixed' | 'gasPrice'
  /** The chain's gas price (wei) when the quote was made. */
  gasPrice: DecimalString
  /** For `gasPrice`: token base units charged per wei of gas spent. */
  gasPriceFactor?: DecimalString
}

/** `GET /status`, as sent. */
export type RelayerStatusResponse = {
  /** Version of the relayer's HTTP API (`1` for the `/v1/` routes). */
  version: string
  chainId: number
  /** The relayer's account: transactions come from it and `extData.relayer` must be it. */
  relayer: Address
  pools: RelayerPool[]
  /** The fee rule in token base units: `fee >= flat + perGas * gas`. */
  fee: { flat: DecimalString; perGas: DecimalString }
  gasEstimate: GasEstimates
  /** The relayer account's ETH (wei): what it has left to pay gas with. */
  gasBalance: DecimalString
  feeRule: RelayerFeeRule
  /** `fee` and `gasEstimate`, signed, with their expiry. */
  quote: RelayerQuote
}

/** `GET /status`, parsed, its quote checked: `fee` and `gasEstimate` are the quote's. */
export type RelayerStatus = Omit<RelayerStatusResponse, 'fee' | 'gasBalance'> & {
  fee: { flat: bigint; perGas: bigint }
  gasBalance: bigint
}

/** `POST /v1/transact`, as sent: the proof in the Solidity verifier's layout. */
export type TransactRequestBody = {
  pool: Address
  proof: {
    a: [DecimalString, DecimalString]
    b: [[DecimalString, DecimalString], [DecimalString, DecimalString]]
    c: [DecimalString, DecimalString]
  }
  /** `batchRoot, archiveRootA, archiveRootB, publicAmount, extDataHash, inputNullifiers..., outputCommitments...` */
  publicSignals: DecimalString[]
  extData: {
    recipient: Address
    /** Negative for an unshield, zero for a transfer. */
    extAmount: DecimalString
    relayer: Address
    fee: DecimalString
    encryptedOutput1: Hex
    encryptedOutput2: Hex
    encryptedHistory: Hex
  }
  /** The quote the fee was set from: honoured until it expires. */
  quote?: RelayerQuote
}

/** `POST /v1/transact` on success, as sent. */
export type TransactResponseBody = {
  txHash: Hex
  blockNumber: DecimalString
  gasUsed: DecimalString
}

/** Every refusal or failure, as sent. */
export type RelayErrorBody = { error: { code: RelayErrorCode; message: string } }

/** What `relayTransaction` sends: a proof from the prover and its transaction's external data. */
export type RelayTransactionParameters = {
  pool: Address
  proof: SolidityProof
  publicSignals: readonly bigint[]
  extData: ExtData
  quote?: RelayerQuote
}

/**
 * What a submitter takes: either the relay's own parameters or, as for
 * `submitTransaction`, the pool's `Proof` struct (its public signals are derived).
 */
export type SubmitParameters =
  | RelayTransactionParameters
  | { pool: Address; proof: PoolProof; extData: ExtData; quote?: RelayerQuote }

/** A relayed transaction, included in a block. */
export type RelayResult = { txHash: Hex; blockNumber: bigint; gasUsed: bigint }
