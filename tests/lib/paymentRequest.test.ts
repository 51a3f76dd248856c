import { describe, expect, it } from 'vitest'
import {
  formatPaymentRequest,
  InvalidPaymentRequestError,
  isPaymentRequest,
  MAX_LABEL_BYTES,
  type PaymentRequestProblem,
  parsePaymentRequest,
  requestUnits,
} from '../../lib/paymentRequest.js'
import vectors from '../vectors/protocol.json'

const address = vectors.keys.address as `zkpay1${string}`
const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const

/** The problem `parsePaymentRequest(uri)` reports (fails the test if it parses). */
function problemOf(uri: string, decimals?: number): PaymentRequestProblem {
  try {
    parsePaymentRequest(uri, decimals === undefined ? {} : { decimals })
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPaymentRequestError)
    return (error as InvalidPaymentRequestError).problem
  }
  throw new Error(`"${uri}" parsed`)
}

describe('zkpay: payment request URIs', () => {
  it('formats the fields in a fixed order and parses them back', () => {
    const request = {
      address,
      amount: '12.5',
      token,
      chainId: 31337,
      memo: 'order 42 & more: ñ ✓',
      label: 'Café Olé',
    }
    const uri = formatPaymentRequest(request, { decimals: 18 })
    expect(uri).toBe(
      `zkpay:${address}?amount=12.5&token=${token}&chain=31337&memo=order%2042%20%26%20more%3A%20%C3%B1%20%E2%9C%93&label=Caf%C3%A9%20Ol%C3%A9`,
    )
    expect(parsePaymentRequest(uri, { decimals: 18 })).toEqual(request)
    expect(requestUnits(parsePaymentRequest(uri), 18)).toBe(12_500_000_000_000_000_000n)
  })

  it('is just the address when nothing else is asked', () => {
    expect(formatPaymentRequest({ address })).toBe(`zkpay:${address}`)
    expect(parsePaymentRequest(`zkpay:${address}`)).toEqual({ address })
    expect(parsePaymentRequest(`zkpay:${address}?`)).toEqual({ address })
    expect(requestUnits({ address }, 18)).toBeUndefined()
  })

  it('accepts an uppercase scheme and address (QR codes), whitespace around, and a lowercase token', () => {
    const parsed = parsePaymentRequest(
      `  ZKPAY:${address.toUpperCase()}?token=${token.toLowerCase()}&amount=0.50\n`,
    )
    expect(parsed).toEqual({ address, token, amount: '0.5' })
    expect(isPaymentRequest(' ZkPay:x')).toBe(true)
    expect(isPaymentRequest(address)).toBe(false)
  })

  it('writes amounts canonically', () => {
    const amount = (text: string) =>
      parsePaymentRequest(`zkpay:${address}?amount=${text}&token=${token}`).amount
    expect(amount('007.100')).toBe('7.1')
    expect(amount('5.000')).toBe('5')
    expect(amount('0.001')).toBe('0.001')
  })

  it('keeps a literal + in a memo (only %20 is a space)', () => {
    expect(parsePaymentRequest(`zkpay:${address}?memo=a+b%20c`).memo).toBe('a+b c')
  })

  it.each([
    ['no scheme', address, 'scheme'],
    ['another scheme', `zcash:${address}`, 'scheme'],
    ['a // authority', `zkpay://${address}`, 'address'],
    [
      'a bad address checksum',
      `zkpay:${address.slice(0, -1)}${address.endsWith('q') ? 'p' : 'q'}`,
      'address',
    ],
    ['an Ethereum address', `zkpay:${token}`, 'address'],
    ['a negative amount', `zkpay:${address}?amount=-1&token=${token}`, 'amount'],
    ['an exponent', `zkpay:${address}?amount=1e3&token=${token}`, 'amount'],
    ['a comma', `zkpay:${address}?amount=1,5&token=${token}`, 'amount'],
    ['a leading dot', `zkpay:${address}?amount=.5&token=${token}`, 'amount'],
    ['a zero amount', `zkpay:${address}?amount=0.00&token=${token}`, 'amount'],
    ['an amount with no token', `zkpay:${address}?amount=1`, 'token'],
    ['a short token', `zkpay:${address}?token=0x1234`, 'token'],
    ['a token with a wrong checksum', `zkpay:${address}?token=${token.replace('F', 'f')}`, 'token'],
    ['an unknown parameter', `zkpay:${address}?message=hi`, 'unknown_param'],
    ['an uppercase parameter name', `zkpay:${address}?MEMO=hi`, 'unknown_param'],
    ['a repeated memo', `zkpay:${address}?memo=a&memo=b`, 'duplicate_param'],
    ['a repeated amount', `zkpay:${address}?amount=1&token=${token}&amount=1`, 'duplicate_param'],
    ['a parameter without a value', `zkpay:${address}?memo`, 'encoding'],
    ['an empty pair', `zkpay:${address}?memo=a&&label=b`, 'encoding'],
    ['broken percent-encoding', `zkpay:${address}?memo=%E2%9C`, 'encoding'],
    ['an empty memo', `zkpay:${address}?memo=`, 'memo'],
    ['a memo of 65 bytes', `zkpay:${address}?memo=${'a'.repeat(65)}`, 'memo'],
    ['a memo of 33 two-byte letters', `zkpay:${address}?memo=${'%C3%B1'.repeat(33)}`, 'memo'],
    ['an over-long label', `zkpay:${address}?label=${'b'.repeat(MAX_LABEL_BYTES + 1)}`, 'label'],
    ['a chain of zero', `zkpay:${address}?chain=0`, 'chain'],
    ['a hex chain', `zkpay:${address}?chain=0x7a69`, 'chain'],
    ['a huge URI', `zkpay:${address}?label=${'b'.repeat(3000)}`, 'too_long'],
  ] as const)('refuses %s', (_what, uri, problem) => {
    expect(problemOf(uri)).toBe(problem)
  })

  it('checks the amount against the token decimals when it knows them', () => {
    const uri = `zkpay:${address}?amount=1.1234567&token=${token}`
    expect(parsePaymentRequest(uri).amount).toBe('1.1234567')
    expect(problemOf(uri, 6)).toBe('decimals')
    expect(parsePaymentRequest(uri, { decimals: 7 }).amount).toBe('1.1234567')
    expect(problemOf(`zkpay:${address}?amount=1.5&token=${token}`, 0)).toBe('decimals')
    expect(problemOf(`zkpay:${address}?amount=${'9'.repeat(40)}&token=${token}`, 18)).toBe('amount')
    expect(() => requestUnits({ address, token, amount: '0.0000001' }, 6)).toThrow(
      /6 decimal places|has 7/,
    )
  })

  it('refuses to format what it would not parse', () => {
    const error = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        return (e as InvalidPaymentRequestError).problem
      }
      return 'none'
    }
    expect(error(() => formatPaymentRequest({ address, amount: '1' }))).toBe('token')
    expect(
      error(() => formatPaymentRequest({ address, amount: '1.25', token }, { decimals: 1 })),
    ).toBe('decimals')
    expect(error(() => formatPaymentRequest({ address, memo: 'm'.repeat(65) }))).toBe('memo')
    expect(error(() => formatPaymentRequest({ address: 'zkpay1nope' as `zkpay1${string}` }))).toBe(
      'address',
    )
    // An empty memo or label is simply left out.
    expect(formatPaymentRequest({ address, memo: '', label: '' })).toBe(`zkpay:${address}`)
  })

  it('carries the shortMessage of the address error, with code bad_request', () => {
    try {
      parsePaymentRequest(`zkpay:${address.slice(0, 50)}`)
      expect.unreachable()
    } catch (error) {
      const e = error as InvalidPaymentRequestError
      expect(e.code).toBe('bad_request')
      expect(e.shortMessage).toMatch(
        /^The request's address is not valid: The address has 50 characters/,
      )
    }
  })
})
