import { describe, expect, it } from 'vitest'
import { RECENT_SHIELD_MS, unshieldLinkWarnings } from '../../components/forms/linkWarning.js'

const e18 = 10n ** 18n
const now = 1_800_000_000_000
const own = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const other = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const shield = (amount: bigint, extra: Record<string, unknown> = {}) => ({
  kind: 'shield' as const,
  status: 'settled' as const,
  amount: amount.toString(),
  symbol: 'zUSD',
  decimals: 18,
  createdAt: now - 60_000,
  ...extra,
})
const plan = (amount: bigint | undefined, to: string | undefined, activities: unknown[]) =>
  unshieldLinkWarnings({
    ...(amount !== undefined ? { amount } : {}),
    ...(to !== undefined ? { to } : {}),
    symbol: 'zUSD',
    decimals: 18,
    publicAddress: own,
    activities: activities as never,
    now,
  })

describe('unshieldLinkWarnings', () => {
  it('warns for the amount of a recent shield of the same token, and not for another amount', () => {
    const [warning] = plan(10n * e18, other, [shield(10n * e18)])
    expect(warning).toMatch(/shielded exactly 10 zUSD recently/)
    expect(plan(3n * e18, other, [shield(10n * e18)])).toEqual([])
  })

  it('ignores old, failed and other-token shields, and other kinds', () => {
    expect(
      plan(10n * e18, other, [shield(10n * e18, { createdAt: now - RECENT_SHIELD_MS - 1 })]),
    ).toEqual([])
    expect(plan(10n * e18, other, [shield(10n * e18, { status: 'failed' })])).toEqual([])
    expect(plan(10n * e18, other, [shield(10n * e18, { symbol: 'zEUR' })])).toEqual([])
    expect(plan(10n * e18, other, [shield(10n * e18, { kind: 'receive' })])).toEqual([])
  })

  it('warns for the own public account in any case, and for a 0x address seen as a shield source', () => {
    expect(plan(3n * e18, own.toLowerCase(), [])[0]).toMatch(
      /public account your shields come from/,
    )
    expect(
      plan(3n * e18, other, [shield(1n * e18, { counterparty: other.toLowerCase() })])[0],
    ).toMatch(/You shielded from this address/)
    expect(plan(undefined, undefined, [shield(1n * e18)])).toEqual([])
  })

  it('gives both reasons when both hold', () => {
    expect(plan(10n * e18, own, [shield(10n * e18)])).toHaveLength(2)
  })
})
