import type { FastifyInstance } from 'fastify'
import type { Hex } from 'viem'
import { RelayError } from '../../lib/errors.js'
import type { TransactResponseBody } from '../../lib/relayer/types.js'
import { parseTransactBody } from '../checks/body.js'
import { checkFee, checkFeePaid } from '../checks/fee.js'
import { checkNullifiersUnspent } from '../checks/nullifiers.js'
import { servedPool } from '../checks/pool.js'
import { checkProof } from '../checks/proof.js'
import { checkPublicSignals } from '../checks/publicSignals.js'
import { feeRuleFor } from '../checks/quote.js'
import { checkRelayer } from '../checks/relayer.js'
import { checkKnownRoots } from '../checks/root.js'
import { simulateTransact } from '../checks/simulate.js'
import type { RelayerContext } from '../context.js'
import { sendTransact } from '../sendTransact.js'
import { maybeWithdrawFees } from '../withdrawFees.js'

/**
 * `POST /v1/transact`: checks a proven transaction, cheapest check first, and
 * only then pays the gas to submit it; answers once it is in a block.
 */
export function transactRoute(app: FastifyInstance, context: RelayerContext): void {
  app.post('/v1/transact', async (request): Promise<TransactResponseBody> => {
    const started = performance.now()
    let pool: string | undefined
    let txHash: Hex | undefined
    const done = (outcome: string, error?: unknown) => {
      const fields = { pool, outcome, txHash, latencyMs: Math.round(performance.now() - started) }
      if (outcome === 'relayed') return request.log.info(fields, 'relay')
      // Short messages only: a viem error's full text names the RPC URL, which may hold an API key.
      if (error instanceof RelayError && error.code !== 'relay_failed')
        return request.log.info({ ...fields, reason: error.shortMessage }, 'relay')
      request.log.warn(
        { ...fields, reason: error instanceof RelayError ? error.shortMessage : 'unexpected' },
        'relay',
      )
    }
    try {
      const body = parseTransactBody(request.body)
      pool = body.pool
      servedPool(context, body.pool)
      checkRelayer(body.extData.relayer, context.account.address)
      checkFeePaid(body.extData.fee)
      const { rule } = await feeRuleFor(context, body.pool, body.quote)
      const { circuit, poolProof } = checkPublicSignals(body, context.chain.id)
      await checkKnownRoots(context, body.pool, poolProof)
      await checkNullifiersUnspent(context, body.pool, poolProof.inputNullifiers)
      const release = context.inFlight.claim(poolProof.inputNullifiers)
      try {
        await checkProof(context.verificationKeys[circuit], body.proof, body.publicSignals)
        const gas = await simulateTransact(context, body.pool, poolProof, body.extData)
        checkFee(rule, circuit, gas, body.extData.fee)
        const result = await sendTransact(context, {
          pool: body.pool,
          proof: poolProof,
          extData: body.extData,
          gas,
          onSent: (hash) => {
            txHash = hash
          },
        })
        done('relayed')
        void maybeWithdrawFees(context, body.pool, (fields, message) =>
          request.log.info(fields, message),
        )
        return {
          txHash: result.txHash,
          blockNumber: result.blockNumber.toString(),
          gasUsed: result.gasUsed.toString(),
        }
      } finally {
        release()
      }
    } catch (error) {
      done(error instanceof RelayError ? error.code : 'error', error)
      throw error
    }
  })
}
