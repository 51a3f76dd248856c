import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { WalletDb } from '../../background/db.js'
import { periodMs } from '../../background/provider/allowancePeriod.js'
import { createSiteStore } from '../../background/provider/siteStore.js'
import { dbName } from './fakes.js'

const origin = 'http://127.0.0.1:8551'
const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const
const pool = '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9' as const

function store(start = 1_000_000) {
  let now = start
  const sites = createSiteStore(new WalletDb(dbName()), () => now)
  const advance = (ms: number) => {
    now += ms
  }
  return { sites, advance }
}

describe('site allowances', () => {
  it('lets two tips at once into room for one only once', async () => {
    const { sites } = store()
    await sites.connect(origin, 'zkpay1test')
    await sites.setAllowance(origin, { pool, token, amount: '10', period: 'day' })
    const results = await Promise.all([
      sites.reserve(origin, token, 6n),
      sites.reserve(origin, token, 6n),
    ])
    expect(results.filter((r) => r !== undefined)).toHaveLength(1)
    expect((await sites.allowances(origin))[0]?.spent).toBe('6')
  })

  it('starts a new period from the grant, and refunds only into the period a tip was counted in', async () => {
    const { sites, advance } = store()
    await sites.connect(origin, 'zkpay1test')
    await sites.setAllowance(origin, { pool, token, amount: '10', period: 'hour' })
    const first = await sites.reserve(origin, token, 10n)
    expect(first).toBe(1_000_000)
    expect(await sites.reserve(origin, token, 1n)).toBeUndefined()
    advance(periodMs.hour * 2 + 5)
    expect((await sites.allowances(origin))[0]).toMatchObject({
      spent: '0',
      periodStart: 1_000_000 + 2 * periodMs.hour,
    })
    await sites.refund(origin, token, 10n, first!) // a tip of an earlier period: nothing to give back
    const second = await sites.reserve(origin, token, 4n)
    await sites.refund(origin, token, 4n, second!)
    expect((await sites.allowances(origin))[0]?.spent).toBe('0')
  })

  it('has none for a site that is not connected, or after a revoke', async () => {
    const { sites } = store()
    expect(
      await sites.setAllowance(origin, { pool, token, amount: '1', period: 'day' }),
    ).toBeUndefined()
    expect(await sites.reserve(origin, token, 1n)).toBeUndefined()
    await sites.connect(origin, 'zkpay1test')
    await sites.setAllowance(origin, { pool, token, amount: '1', period: 'day' })
    await sites.revokeAllowance(origin, token)
    expect(await sites.reserve(origin, token, 1n)).toBeUndefined()
    expect(await sites.disconnect(origin)).toBe(true)
    expect(await sites.get(origin)).toBeUndefined()
  })
})
