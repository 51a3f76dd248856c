import { type RelayerRequestOptions, relayerRequest } from './request.js'
import type {
  RelayResult,
  RelayTransactionParameters,
  TransactRequestBody,
  TransactResponseBody,
} from './types.js'

/**
 * Sends a proven transaction to a relayer, which submits it from its own
 * account and answers once it is in a block. A refusal throws a RelayError
 * with the relayer's code (`fee_too_low`, `nullifier_spent`, ...).
 *
 * @example
 * const { proof, publicSignals } = await prover.prove({ circuit: prepared.circuit, input: prepared.input })
 * const { txHash } = await relayTransaction(url, { pool, proof, publicSignals, extData: prepared.extData })
 */
export async function relayTransaction(
  url: string,
  params: RelayTransactionParameters,
  options?: RelayerRequestOptions,
): Promise<RelayResult> {
  const result = await relayerRequest<TransactResponseBody>(
    url,
    'v1/transact',
    { method: 'POST', body: toTransactRequestBody(params) },
    options,
  )
  return {
    txHash: result.txHash,
    blockNumber: BigInt(result.blockNumber),
    gasUsed: BigInt(result.gasUsed),
  }
}

/** The wire form of a relay: every number as a decimal string. */
export function toTransactRequestBody(params: RelayTransactionParameters): TransactRequestBody {
  const { pool, proof, publicSignals, extData, quote } = params
  const s = (n: bigint) => n.toString()
  return {
    pool,
    proof: {
      a: [s(proof.a[0]), s(proof.a[1])],
      b: [
        [s(proof.b[0][0]), s(proof.b[0][1])],
        [s(proof.b[1][0]), s(proof.b[1][1])],
      ],
      c: [s(proof.c[0]), s(proof.c[1])],
    },
    publicSignals: publicSignals.map(s),
    extData: {
      recipient: extData.recipient,
      extAmount: s(extData.extAmount),
      relayer: extData.relayer,
      fee: s(extData.fee),
      encryptedOutput1: extData.encryptedOutput1,
      encryptedOutput2: extData.encryptedOutput2,
      encryptedHistory: extData.encryptedHistory,
    },
    ...(quote ? { quote } : {}),
  }
}
