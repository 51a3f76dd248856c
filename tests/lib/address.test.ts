import { bech32m } from '@scure/base'
import { describe, expect, it } from 'vitest'
import {
  ADDRESS_LENGTH,
  ADDRESS_VERSION,
  decodeAddress,
  encodeAddress,
  isAddress,
  parseEvmAddress,
} from '../../lib/address.js'
import { InvalidAddressError, InvalidKeyError } from '../../lib/errors.js'
import { bigIntToBytes, FIELD_SIZE } from '../../lib/field.js'
import { deriveKeys } from '../../lib/keys.js'
import vectors from '../vectors/protocol.json'

const ownerKey = BigInt(vectors.keys.ownerKey)
const viewingPublicKey = Uint8Array.from(Buffer.from(vectors.keys.viewingPublicKey.slice(2), 'hex'))
const address = vectors.keys.address
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'

/** A checksummed address over an arbitrary payload, to reach the later checks. */
function withPayload(payload: Uint8Array, prefix = 'zkpay'): string {
  return bech32m.encode(prefix, bech32m.toWords(payload), false)
}

function payload(version: number, p: bigint, v = viewingPublicKey): Uint8Array {
  return Uint8Array.from([version, ...bigIntToBytes(p), ...v])
}

describe('shielded address', () => {
  it('encodes version || P || V in 116 characters', () => {
    expect(encodeAddress({ ownerKey, viewingPublicKey })).toBe(address)
    expect(address).toHaveLength(ADDRESS_LENGTH)
    expect(address.startsWith('zkpay1')).toBe(true)
    expect(withPayload(payload(2, ownerKey))).toBe(address)
    expect(ADDRESS_VERSION).toBe(2)
  })

  it('is the address of the vector keys', () => {
    const keys = deriveKeys(vectors.keys.mnemonic)
    expect(keys.ownerKey).toBe(ownerKey)
    expect(
      encodeAddress({ ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey }),
    ).toBe(address)
    expect(decodeAddress(vectors.recipient.address).ownerKey.toString()).toBe(
      vectors.recipient.ownerKey,
    )
  })

  it('round-trips', () => {
    const decoded = decodeAddress(address)
    expect(decoded.ownerKey).toBe(ownerKey)
    expect(decoded.viewingPublicKey).toEqual(viewingPublicKey)
    expect(isAddress(address)).toBe(true)
    const edge = { ownerKey: FIELD_SIZE - 1n, viewingPublicKey: new Uint8Array(32).fill(255) }
    expect(decodeAddress(encodeAddress(edge))).toEqual(edge)
  })

  it('accepts uppercase and surrounding whitespace', () => {
    expect(decodeAddress(address.toUpperCase()).ownerKey).toBe(ownerKey)
    expect(decodeAddress(` ${address}\n`).ownerKey).toBe(ownerKey)
  })

  it('refuses every single-character change', () => {
    for (let i = 0; i < address.length; i++) {
      if (i === 5) continue // the separator
      for (const c of CHARSET) {
        if (c === address[i]) continue
        const changed = address.slice(0, i) + c + address.slice(i + 1)
        expect(isAddress(changed), `${i}:${c}`).toBe(false)
      }
    }
  })

  it.each([
    ['', /empty/],
    [address.slice(0, 50) + address.slice(50).toUpperCase(), /mixes upper- and lowercase/],
    ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', /Ethereum address/],
    [`zkpey${address.slice(5)}`, /does not start with zkpay1/],
    [address.replace('zkpay1', 'zkpay'), /does not start with zkpay1/],
    [`${address.slice(0, -1)}b`, /never uses: b/],
    [address.slice(0, -1), /115 characters instead of 116/],
    [`${address}q`, /117 characters/],
    [`${address.slice(0, -1)}${address.endsWith('q') ? 'p' : 'q'}`, /checksum/],
  ])('refuses %j', (text, message) => {
    expect(() => decodeAddress(text)).toThrow(InvalidAddressError)
    expect(() => decodeAddress(text)).toThrow(message)
  })

  it('refuses another prefix with a valid checksum', () => {
    expect(() => decodeAddress(withPayload(payload(2, ownerKey), 'zkpaz'))).toThrow(/zkpay1/)
  })

  it('refuses a bech32 (not bech32m) checksum', async () => {
    const { bech32 } = await import('@scure/base')
    const legacy = bech32.encode('zkpay', bech32.toWords(payload(2, ownerKey)), false)
    expect(() => decodeAddress(legacy)).toThrow(/checksum/)
  })

  it('refuses other versions, protocol v1 addresses included', () => {
    // A v1 address had the same layout with version 1 (and a v1 owner key).
    expect(() => decodeAddress(withPayload(payload(1, ownerKey)))).toThrow(/version 1/)
    expect(() => decodeAddress(withPayload(payload(1, ownerKey)))).toThrow(InvalidAddressError)
    expect(() => decodeAddress(withPayload(payload(3, ownerKey)))).toThrow(/version 3/)
    expect(() => decodeAddress(withPayload(payload(0, ownerKey)))).toThrow(/version 0/)
  })

  it('refuses P >= p', () => {
    expect(() => decodeAddress(withPayload(payload(2, FIELD_SIZE)))).toThrow(/field size/)
    expect(() => decodeAddress(withPayload(payload(2, (1n << 256n) - 1n)))).toThrow(/field size/)
    expect(decodeAddress(withPayload(payload(2, FIELD_SIZE - 1n))).ownerKey).toBe(FIELD_SIZE - 1n)
  })

  it('refuses bad keys when encoding', () => {
    expect(() => encodeAddress({ ownerKey: FIELD_SIZE, viewingPublicKey })).toThrow(InvalidKeyError)
    const short = new Uint8Array(31)
    expect(() => encodeAddress({ ownerKey, viewingPublicKey: short })).toThrow(InvalidKeyError)
  })

  it('is not an address when not a string', () => {
    expect(isAddress(42)).toBe(false)
    expect(isAddress(undefined)).toBe(false)
  })
})

describe('parseEvmAddress', () => {
  const checksummed = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

  it('accepts checksummed and lowercase addresses', () => {
    expect(parseEvmAddress(checksummed)).toBe(checksummed)
    expect(parseEvmAddress(checksummed.toLowerCase())).toBe(checksummed)
    expect(parseEvmAddress(` ${checksummed} `)).toBe(checksummed)
  })

  it.each([
    ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92267', /checksum/],
    ['0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266', /checksum/],
    ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226', /not an Ethereum address/],
    ['f39Fd6e51aad88F6F4ce6aB8827279cffFb92266', /not an Ethereum address/],
    ['0x0000000000000000000000000000000000000000', /zero address/],
    [address, /shielded address/],
  ])('refuses %j', (text, message) => {
    expect(() => parseEvmAddress(text)).toThrow(InvalidAddressError)
    expect(() => parseEvmAddress(text)).toThrow(message)
  })
})
