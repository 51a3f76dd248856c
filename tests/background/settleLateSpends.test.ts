import 'fake-indexeddb/auto'
import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { createActivityStore } from '../../background/activityStore.js'
import { type ActivityRow, WalletDb } from '../../background/db.js'
import { settleLateSpends } from '../../background/settleLateSpends.js'
import { dbName } from './fakes.js'

const tx = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex

function row(id: string, status: ActivityRow['status'], nullifiers: string[], createdAt: number) {
  return {
    id,
    kind: 'send',
    status,
    amount: '400',
    symbol: 'zUSD',
    decimals: 18,
    memo: 'restart',
    nullifiers,
    createdAt,
    updatedAt: createdAt,
    ...(status === 'failed' ? { error: 'The wallet restarted before this payment was sent.' } : {}),
  } satisfies ActivityRow
}

async function setup(rows: ActivityRow[]) {
  const db = new WalletDb(dbName())
  await db.open()
  await db.activity.bulkPut(rows)
  const activities = createActivityStore(db, () => {})
  const statuses = async () =>
    Object.fromEntries((await db.activity.toArray()).map((r) => [r.id, [r.status, r.txHash]]))
  return { db, activities, statuses }
}

describe('settling a failed payment that landed after all', () => {
  it('settles it when its notes are spent and no other payment claims them', async () => {
    const { db, activities, statuses } = await setup([row('a', 'failed', ['1', '2'], 1)])
    await settleLateSpends(db, activities, [
      { nullifier: 1n, spentTxHash: tx(9) },
      { nullifier: 2n, spentTxHash: tx(9) },
    ])
    expect(await statuses()).toEqual({ a: ['settled', tx(9)] })
    expect((await db.activity.get('a'))?.error).toBeUndefined()
  })

  it('leaves a failed attempt failed when a retry on the same notes is settled or under way', async () => {
    for (const retry of ['settled', 'pending'] as const) {
      const { db, activities, statuses } = await setup([
        row('first', 'failed', ['1'], 1),
        { ...row('retry', retry, ['1'], 2), ...(retry === 'settled' ? { txHash: tx(9) } : {}) },
      ])
      await settleLateSpends(db, activities, [{ nullifier: '1', spentTxHash: tx(9) }])
      expect(await statuses()).toEqual({
        first: ['failed', undefined],
        retry: [retry, retry === 'settled' ? tx(9) : undefined],
      })
    }
  })

  it('among failed attempts settles the one whose transaction it was, else the latest', async () => {
    const known = await setup([
      { ...row('sent', 'failed', ['1'], 1), txHash: tx(9) },
      row('later', 'failed', ['1'], 2),
    ])
    await settleLateSpends(known.db, known.activities, [{ nullifier: '1', spentTxHash: tx(9) }])
    expect(await known.statuses()).toEqual({
      sent: ['settled', tx(9)],
      later: ['failed', undefined],
    })
    const unknown = await setup([row('early', 'failed', ['1'], 1), row('late', 'failed', ['1'], 2)])
    await settleLateSpends(unknown.db, unknown.activities, [{ nullifier: '1', spentTxHash: tx(9) }])
    expect(await unknown.statuses()).toEqual({
      early: ['failed', undefined],
      late: ['settled', tx(9)],
    })
  })

  it('ignores spends it has no transaction for, and notes no activity spent', async () => {
    const { db, activities, statuses } = await setup([row('a', 'failed', ['1'], 1)])
    await settleLateSpends(db, activities, [
      { nullifier: '1' },
      { nullifier: '5', spentTxHash: tx(3) },
    ])
    expect(await statuses()).toEqual({ a: ['failed', undefined] })
  })
})
