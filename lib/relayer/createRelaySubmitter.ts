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
  /** The relayer's status, fetched once and kept (`refresh` fetches it again). */
  status(options?: { refresh?: boolean }): Promise<RelayerStatus>
  /**
   * The fee to put in `extData.fee`: for `gas` gas, or for a circuit's quoted
   * gas. Without an argument, the largest circuit's, which covers any transaction.
   */
  fee(gas?: bigint | CircuitName): Promise<bigint>
  /** The relayer's account, for `extData.relayer`. */
  relayer(): Promise<Address>
  /** Relays a proven transaction and resolves once it is in a block. */
  submit(params: SubmitParameters): Promise<RelayResult>
}

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
export function createRelaySubmitter(url: string, options?: RelayerRequestOptions): RelaySubmitter {
  let cached: Promise<RelayerStatus> | undefined
  const status = ({ refresh = false } = {}) => {
    if (!cached || refresh) {
      const fetched = getRelayerStatus(url, options)
      fetched.catch(() => {
        if (cached === fetched) cached = undefined
      })
      cached = fetched
    }
    return cached
  }
  return {
    status,
    async fee(gas) {
      const s = await status()
      if (gas === undefined) return circuitFee(s, 'tx8')
      return typeof gas === 'bigint' ? relayFee(s, gas) : circuitFee(s, gas)
    },
    async relayer() {
      return (await status()).relayer
    },
    submit(params) {
      return relayTransaction(url, toRelayParameters(params), options)
    },
  }
}

function toRelayParameters(params: SubmitParameters): RelayTransactionParameters {
  if ('publicSignals' in params) return params
  const { pool, proof, extData } = params
  return {
    pool,
    proof: { a: proof.a, b: proof.b, c: proof.c },
    publicSignals: publicSignalsOf(proof),
    extData,
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
