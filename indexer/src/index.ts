import { ponder } from 'ponder:registry'
import { poolTransaction } from 'ponder:schema'

ponder.on('ShieldedPool:Transaction', async ({ event, context }) => {
  const { index, commitments, nullifiers, extData } = event.args
  await context.db.insert(poolTransaction).values({
    leafIndex: Number(index),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
    commitment0: commitments[0],
    commitment1: commitments[1],
    nullifiers: nullifiers.map((n) => n.toString()),
    recipient: extData.recipient,
    extAmount: extData.extAmount,
    relayer: extData.relayer,
    fee: extData.fee,
    encryptedOutput1: extData.encryptedOutput1,
    encryptedOutput2: extData.encryptedOutput2,
    encryptedHistory: extData.encryptedHistory,
  })
})
