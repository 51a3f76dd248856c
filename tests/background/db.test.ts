import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { describe, expect, it } from 'vitest'
import { WalletDb } from '../../background/db.js'
import { applyMigrations, type Migration, migrations } from '../../background/dbSchema.js'
import { dbName } from './fakes.js'

const pool = '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9' as const

function note(commitment: string) {
  return {
    pool,
    commitment,
    leafIndex: 0,
    amount: '5',
    blinding: '7',
    rho: '8',
    nullifier: '9',
    status: 'unspent' as const,
    memo: 'hi',
    txHash: `0x${'ab'.repeat(32)}` as const,
    blockNumber: '6',
  }
}

describe('wallet database', () => {
  it('opens at the current version with every store', async () => {
    const db = new WalletDb(dbName())
    await db.open()
    expect(db.verno).toBe(migrations.at(-1)!.version)
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [
        'activity',
        'keystore',
        'leaves',
        'notes',
        'pendingWork',
        'settings',
        'siteRequests',
        'trees',
        'sites',
        'syncCursors',
      ].sort(),
    )
    db.close()
  })

  it('keeps every row through a later migration, which runs its upgrade', async () => {
    const name = dbName()
    const v1 = new WalletDb(name, migrations.slice(0, 1))
    await v1.notes.bulkPut([note('1'), note('2')])
    await v1.leaves.put({ pool, chunk: 0, leaves: ['1', '2'] })
    await v1.settings.put({ key: 'settings', value: { autoLockMinutes: 5 } })
    await v1.activity.put({
      id: 'a',
      kind: 'receive',
      status: 'settled',
      amount: '5',
      symbol: 'zUSD',
      decimals: 18,
      createdAt: 1,
      updatedAt: 1,
    })
    v1.close()

    const next: Migration[] = [
      ...migrations,
      {
        version: migrations.at(-1)!.version + 1,
        stores: { notes: '[pool+commitment], [pool+status], pendingActivityId, nullifier' },
        upgrade: (tx) =>
          tx
            .table('notes')
            .toCollection()
            .modify((row) => {
              row.memo = `${row.memo}!`
            }),
      },
    ]
    const v2 = new WalletDb(name, next)
    expect((await v2.notes.toArray()).map((n) => n.memo)).toEqual(['hi!', 'hi!'])
    expect(await v2.notes.where('nullifier').equals('9').count()).toBe(2)
    expect(await v2.leaves.get([pool, 0])).toEqual({ pool, chunk: 0, leaves: ['1', '2'] })
    expect((await v2.settings.get('settings'))?.value).toEqual({ autoLockMinutes: 5 })
    expect(await v2.activity.count()).toBe(1)
    v2.close()
  })

  it('refuses a migration that deletes a store, and versions out of order', () => {
    const drop = [
      ...migrations,
      { version: 99, stores: { notes: null } as unknown as Record<string, string> },
    ]
    expect(() => applyMigrations(new Dexie(dbName()), drop)).toThrow(/delete the store "notes"/)
    const backwards = [...migrations, { version: 1, stores: {} }]
    expect(() => applyMigrations(new Dexie(dbName()), backwards)).toThrow(/increase/)
  })
})
