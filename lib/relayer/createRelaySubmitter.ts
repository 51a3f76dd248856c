import type { Address } from 'viem'
import type { CircuitName } from '../circuits.js'
import type { PoolProof } from '../pool/transactArgs.js'
import { getRelayerStatus } from './getRelayerStatus.js'
import { circuitFee, relayFee } from './relayFee.js'
import { relayTransaction } from './relayTransaction.js'
import type { RelayerRequestOptions } from './request.js'
import type {
  RelayerStatus,
  RelayResult,
  RelayTransactionParameters,
  SubmitParameters,
} from './types.js'

export type RelaySubmitter = {
  /** The relayer's base URL. */
  url: string
  /**
   * The relayer's status, its quote checked, fetched once and kept until its
   * quote is about to expire (`refresh` fetches it again).
   */
  status(options?: { refresh?: boolean }): Promise<RelayerStatus>
  /**
   * The fee to put in `extData.fee`: for `gas` gas, or for a circuit's quoted
   * gas. Without an argument, the largest circuit's, which covers any transaction.
   */
  fee(gas?: bigint | CircuitName): Promise<bigint>
  /** The relayer's account, for `extData.relayer`. */
  relayer(): Promise<Address>
  /**
   * Relays a proven transaction and resolves once it is in a block, carrying
   * the quote its fee was read from (so the relayer honours it until it expires).
   */
  submit(params: SubmitParameters, options?: { signal?: AbortSignal }): Promise<RelayResult>
}

/** A kept status is fetched again this long before its quote expires. */
const QUOTE_MARGIN_MS = 15_000

/**
 * Submission through a relayer, so that a wallet can pick relay or direct
 * submission (`submitTransaction`) with the same proof: the relayer pays the
 * gas and takes `extData.fee` in the pool's token.
 *
 * @example
 * const relay = createRelaySubmitter('http://127.0.0.1:8547')
 * const prepared = await prepareTransfer({ keys, state, to, amount, fee: await relay.fee('tx2'), relayer: await relay.relayer() })
 * const { proof } = await prover.prove({ circuit: prepared.circuit, input: prepared.input })
 * await relay.submit({ pool, proof: toPoolProof(prepared, proof), extData: prepared.extData })
 */
export function createRelaySubmitter(
  url: string,
  options: RelayerRequestOptions & { now?: () => number } = {},
): RelaySubmitter {
  const now = options.now ?? Date.now
  const { now: _, ...requestOptions } = options
  let cached: Promise<RelayerStatus> | undefined
  let validUntilMs = 0
  // The quote the last fee was read from: the one a relay of that fee carries.
  let used: RelayerStatus['quote'] | undefined
  const status = async ({ refresh = false } = {}) => {
    if (!cached || refresh || now() > validUntilMs - QUOTE_MARGIN_MS) {
      const fetched = getRelayerStatus(url, requestOptions)
      fetched.then(
        (s) => {
          if (cached === fetched) validUntilMs = s.quote.validUntil * 1000
        },
        () => {
          if (cached === fetched) cached = undefined
        },
      )
      cached = fetched
    }
    const s = await cached
    used = s.quote
    return s
  }
  return {
    url,
    status,
    async fee(gas) {
      const s = await status()
      if (gas === undefined) return circuitFee(s, 'tx8')
      return typeof gas === 'bigint' ? relayFee(s, gas) : circuitFee(s, gas)
    },
    async relayer() {
      return (await status()).relayer
    },
    submit(params, submitOptions = {}) {
      const relay = toRelayParameters(params)
      const quote = relay.quote ?? used
      return relayTransaction(
        url,
        { ...relay, ...(quote ? { quote } : {}) },
        { ...requestOptions, ...submitOptions },
      )
    },
  }
}

function toRelayParameters(params: SubmitParameters): RelayTransactionParameters {
  if ('publicSignals' in params) return params
  const { pool, proof, extData, quote } = params
  return {
    pool,
    proof: { a: proof.a, b: proof.b, c: proof.c },
    publicSignals: publicSignalsOf(proof),
    extData,
    ...(quote ? { quote } : {}),
  }
}

/** The circuit's public signals, in order, from the pool's `Proof` struct. */
export function publicSignalsOf(proof: PoolProof): bigint[] {
  return [
    proof.batchRoot,
    proof.archiveRootA,
    proof.archiveRootB,
    proof.publicAmount,
    proof.extDataHash,
    ...proof.inputNullifiers,
    ...proof.outputCommitments,
  ]
}
