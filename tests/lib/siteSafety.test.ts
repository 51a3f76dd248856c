import { describe, expect, it } from 'vitest'
import {
  assessOrigin,
  isLoopbackHost,
  isSecureOrigin,
  needsPhishingConfirmation,
  originHost,
} from '../../lib/siteSafety.js'

const kinds = (params: Parameters<typeof assessOrigin>[0]) =>
  assessOrigin(params).warnings.map((w) => w.kind)

describe('isSecureOrigin', () => {
  it('takes https anywhere, and http only to this computer', () => {
    for (const origin of [
      'https://shop.example',
      'https://shop.example:8443',
      'http://localhost:5173',
      'http://LOCALHOST',
      'http://app.localhost:3000',
      'http://127.0.0.1:8550',
      'http://[::1]:8080',
    ])
      expect(isSecureOrigin(origin), origin).toBe(true)
    for (const origin of [
      'http://shop.example',
      'http://192.168.1.20:8080',
      'http://127.0.0.2',
      'http://localhost.evil.example',
      'http://[::2]',
      'ftp://shop.example',
      'file://',
      'null',
      '',
    ])
      expect(isSecureOrigin(origin), origin).toBe(false)
  })

  it('isLoopbackHost: the names and addresses of this computer only', () => {
    expect(isLoopbackHost('localhost.')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('mylocalhost')).toBe(false)
    expect(isLoopbackHost('127.0.0.10')).toBe(false)
  })
})

describe('originHost', () => {
  it('is the lower-case host name without port or trailing dot', () => {
    expect(originHost('https://Shop.Example.:8443')).toBe('shop.example')
    expect(originHost('http://[::1]:80')).toBe('[::1]')
    expect(originHost('https://bücher.example')).toBe('xn--bcher-kva.example')
    expect(originHost('not a url')).toBeUndefined()
  })
})

describe('assessOrigin', () => {
  it('no warning for a known https site the list does not name', () => {
    expect(
      assessOrigin({ origin: 'https://shop.example', seenBefore: true, isPhishing: false }),
    ).toEqual({ warnings: [] })
  })

  it('new_site for a site never seen', () => {
    expect(
      assessOrigin({ origin: 'https://shop.example', seenBefore: false, isPhishing: false }),
    ).toEqual({ warnings: [{ kind: 'new_site' }] })
  })

  it('insecure_origin for http off this computer, naming the scheme', () => {
    expect(
      assessOrigin({ origin: 'http://shop.example:8080', seenBefore: true, isPhishing: false }),
    ).toEqual({ warnings: [{ kind: 'insecure_origin', scheme: 'http' }] })
    expect(kinds({ origin: 'http://127.0.0.1:8550', seenBefore: true })).toEqual([])
    expect(kinds({ origin: 'http://localhost:3000', seenBefore: true })).toEqual([])
    expect(kinds({ origin: 'http://[::1]:3000', seenBefore: true })).toEqual([])
    expect(assessOrigin({ origin: 'garbage', seenBefore: true }).warnings).toEqual([
      { kind: 'insecure_origin', scheme: 'unknown' },
    ])
  })

  it('phishing: listed (true) or a lookalike, first of all, with the others after it', () => {
    expect(
      assessOrigin({ origin: 'http://bscbnb.vip', seenBefore: false, isPhishing: true }),
    ).toEqual({
      warnings: [
        { kind: 'phishing', match: { kind: 'listed' } },
        { kind: 'insecure_origin', scheme: 'http' },
        { kind: 'new_site' },
      ],
    })
    expect(
      assessOrigin({
        origin: 'https://metamaks.io',
        seenBefore: true,
        isPhishing: { kind: 'lookalike', of: 'metamask.io' },
      }).warnings,
    ).toEqual([{ kind: 'phishing', match: { kind: 'lookalike', of: 'metamask.io' } }])
  })

  it('needsPhishingConfirmation only with a phishing warning', () => {
    const seen = { origin: 'http://shop.example', seenBefore: false }
    expect(needsPhishingConfirmation(assessOrigin(seen).warnings)).toBe(false)
    expect(needsPhishingConfirmation(assessOrigin({ ...seen, isPhishing: true }).warnings)).toBe(
      true,
    )
    expect(needsPhishingConfirmation(undefined)).toBe(false)
  })
})
