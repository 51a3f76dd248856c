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
}

/** `GET /status`, parsed. */
export type RelayerStatus = Omit<RelayerStatusResponse, 'fee'> & {
  fee: { flat: bigint; perGas: bigint }
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
}

/**
 * What a submitter takes: either the relay's own parameters or, as for
 * `submitTransaction`, the pool's `Proof` struct (its public signals are derived).
 */
export type SubmitParameters =
  | RelayTransactionParameters
  | { pool: Address; proof: PoolProof; extData: ExtData }

/** A relayed transaction, included in a block. */
export type RelayResult = { txHash: Hex; blockNumber: bigint; gasUsed: bigint }
