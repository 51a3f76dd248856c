import { describe, expect, it } from 'vitest'
import {
  checkAmount,
  checkEvmAddress,
  checkMemo,
  checkNewPassword,
  checkShieldedAddress,
} from '../../components/forms/validate.js'
import { encodeAddress } from '../../lib/address.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'

const keys = deriveKeys(generateMnemonic())
const address = encodeAddress({
  ownerKey: keys.ownerKey,
  viewingPublicKey: keys.viewingKey.publicKey,
})

describe('form checks', () => {
  it('takes an amount in base units and names what is wrong with a bad one', () => {
    expect(checkAmount('12.5', 6)).toEqual({ value: 12_500_000n })
    expect(checkAmount('1.1234567', 6).error).toBe('This token has at most 6 decimal places.')
    expect(checkAmount('0', 6).error).toBe('The amount must be more than zero.')
    expect(checkAmount('1,5', 6).error).toMatch(/dot/)
    expect(checkAmount('11', 0, { units: 10n, what: 'shielded balance' }).error).toBe(
      'More than your shielded balance.',
    )
    expect(checkAmount('10', 0, { units: 10n, what: 'shielded balance' })).toEqual({ value: 10n })
  })

  it('accepts a shielded address and refuses a mistyped or public one', () => {
    expect(checkShieldedAddress(`  ${address} `)).toEqual({ value: address })
    const typo = `${address.slice(0, 20)}${address[20] === 'q' ? 'p' : 'q'}${address.slice(21)}`
    expect(checkShieldedAddress(typo).error).toMatch(/checksum/)
    expect(checkShieldedAddress(keys.account.address).error).toMatch(/Ethereum address/)
  })

  it('checksums a 0x address and refuses the zero address and shielded ones', () => {
    expect(checkEvmAddress(keys.account.address.toLowerCase())).toEqual({
      value: keys.account.address,
    })
    expect(checkEvmAddress(`0x${'0'.repeat(40)}`).error).toMatch(/zero address/)
    expect(checkEvmAddress(address).error).toMatch(/shielded address/)
  })

  it('counts memo bytes, not characters', () => {
    expect(checkMemo('')).toEqual({ value: undefined })
    expect(checkMemo('a'.repeat(64))).toEqual({ value: 'a'.repeat(64) })
    expect(checkMemo('é'.repeat(33)).error).toBe('The memo is 66 bytes; at most 64 fit.')
  })

  it('wants a password of 8 characters typed the same twice', () => {
    expect(checkNewPassword('short', 'short').error).toBe('Use at least 8 characters.')
    expect(checkNewPassword('long enough', 'long enougH').error).toBe('The two passwords differ.')
    expect(checkNewPassword('long enough', 'long enough')).toEqual({ value: 'long enough' })
  })
})
