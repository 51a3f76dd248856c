import { describe, expect, it } from 'vitest'
import { ApiError } from '../../demo/shared/page/api.js'
import { describeError, providerCode } from '../../demo/shared/page/describeError.js'

/** What `window.zkpay.request` rejects with (docs/provider.md). */
const providerError = (code: number, message: string, reason: string) =>
  Object.assign(new Error(message), { code, data: { reason } })

describe('describeError', () => {
  it('names a provider error by its reason, with its code', () => {
    const rejected = providerError(4001, 'The user rejected the request.', 'user_rejected')
    expect(describeError(rejected)).toBe('Rejected (4001): The user rejected the request.')
    expect(providerCode(rejected)).toBe(4001)
    expect(describeError(providerError(-32000, 'Not enough.', 'insufficient_balance'))).toBe(
      'Insufficient balance (-32000): Not enough.',
    )
    // 4100 is both; the reason tells them apart (the SDK's ZkpayError carries it as `reason`)
    expect(describeError(providerError(4100, 'Locked.', 'wallet_locked'))).toBe(
      'Wallet locked (4100): Locked.',
    )
    expect(
      describeError(Object.assign(new Error('Closed.'), { code: 4001, reason: 'user_rejected' })),
    ).toBe('Rejected (4001): Closed.')
    expect(describeError(providerError(-32602, 'to is not an address.', 'invalid_params'))).toBe(
      'Invalid params (-32602): to is not an address.',
    )
    expect(describeError(providerError(4999, 'New.', 'future'))).toBe('Wallet error (4999): New.')
  })

  it("names a server's refusal by its code and the server", () => {
    const refusal = new ApiError('underpaid', 'The receipt pays 0.5 zUSD.', 402)
    expect(describeError(refusal, 'the shop')).toBe(
      'The shop refused it (underpaid): The receipt pays 0.5 zUSD.',
    )
    expect(providerCode(refusal)).toBeUndefined()
  })

  it('still says something for anything else', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toBe('Failed: Failed to fetch')
    expect(describeError('boom')).toBe('Failed: boom')
  })
})
