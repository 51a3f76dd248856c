import type { FastifyInstance } from 'fastify'
import { formatAmount } from '../../lib/amount.js'
import type { DemoChain } from '../shared/server/connectChain.js'
import { DemoError } from '../shared/server/errors.js'
import { parseBody } from '../shared/server/parseBody.js'
import { receiptBody } from '../shared/server/receiptBody.js'
import { verifyPayment } from '../shared/server/verifyPayment.js'
import { allowanceRequest, creator, tipAmounts } from './creator.js'
import type { TipStore } from './tipStore.js'

export type TipJarContext = {
  chain: DemoChain
  /** The shielded address tips are paid to. */
  creatorAddress: string
  store: TipStore
}

/**
 * The tip jar's API: its config, the running total and `POST /api/tips`,
 * which counts a receipt that `verifyReceipt` accepts for the creator, once.
 */
export function tipJarRoutes(app: FastifyInstance, context: TipJarContext): void {
  const { chain, creatorAddress, store } = context
  const { deployment, symbol, decimals } = chain
  const config = {
    chainId: deployment.chainId,
    pool: deployment.pool,
    token: deployment.token,
    symbol,
    decimals,
    creatorAddress,
    creatorName: creator.name,
    about: creator.about,
    tipAmounts,
    allowance: allowanceRequest,
  }
  const totalsJson = () => {
    const { total, count } = store.totals()
    return { total: formatAmount(total, decimals), count }
  }

  app.get('/api/config', async () => config)

  app.get('/api/tips', async () => ({
    ...totalsJson(),
    recent: store.recent().map((tip) => ({
      amount: formatAmount(tip.amount, decimals),
      txHash: tip.txHash,
      blockNumber: tip.blockNumber.toString(),
      at: tip.at,
    })),
  }))

  app.post('/api/tips', async (request) => {
    const body = parseBody(receiptBody, request.body)
    const payment = await verifyPayment({ chain, receipt: body.receipt, address: creatorAddress })
    const { receipt } = payment
    // A zero output to the creator's key proves nothing was given.
    if (receipt.amount === 0n) throw new DemoError('underpaid', 'The receipt pays nothing.')
    store.add(payment.commitmentKey, {
      amount: receipt.amount,
      txHash: receipt.txHash,
      blockNumber: receipt.blockNumber,
      at: Date.now(),
    })
    request.log.info(
      { txHash: receipt.txHash, amount: formatAmount(receipt.amount, decimals) },
      'tip counted',
    )
    return totalsJson()
  })
}
