import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { WalletDb } from '../../background/db.js'
import { periodMs } from '../../background/provider/allowancePeriod.js'
import { createSiteStore } from '../../background/provider/siteStore.js'
import { feeCeiling, minTip } from '../../background/provider/tipLimits.js'
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

  it('says what is left this period, and nothing for a token it has no allowance for', async () => {
    const { sites, advance } = store()
    await sites.connect(origin, 'zkpay1test')
    expect(await sites.left(origin, token)).toBeUndefined()
    await sites.setAllowance(origin, { pool, token, amount: '10', period: 'hour' })
    await sites.reserve(origin, token, 7n)
    expect(await sites.left(origin, token.toLowerCase() as `0x${string}`)).toBe(3n)
    advance(periodMs.hour)
    expect(await sites.left(origin, token)).toBe(10n)
  })
})

describe('tip limits', () => {
  const decimals = 18
  const milli = 10n ** 15n

  it('defaults: a tip of at least 0.001 token, a fee of at most max(0.001, 5 %) and never over the tip', () => {
    expect(minTip(undefined, token, decimals)).toBe(milli)
    expect(minTip(undefined, token, 6)).toBe(1000n)
    expect(feeCeiling(undefined, token, decimals, 10n ** 18n)).toBe(5n * 10n ** 16n)
    expect(feeCeiling(undefined, token, decimals, 10n * milli)).toBe(milli)
    expect(feeCeiling(undefined, token, decimals, milli / 2n)).toBe(milli / 2n)
  })

  it("takes Settings' per-token values (any case) and fractional percents", () => {
    const limits = {
      feePercent: 0.5,
      feeFloor: { [token.toLowerCase()]: '7' },
      minTip: { [token]: '42' },
    }
    expect(minTip(limits, token, decimals)).toBe(42n)
    expect(feeCeiling(limits, token, decimals, 10_000n)).toBe(50n)
    expect(feeCeiling(limits, token, decimals, 1000n)).toBe(7n)
    expect(feeCeiling(limits, token, decimals, 3n)).toBe(3n)
  })
})
