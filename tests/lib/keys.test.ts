import { x25519 } from '@noble/curves/ed25519.js'
import { mnemonicToSeedSync } from '@scure/bip39'
import { poseidon1 } from 'poseidon-lite'
import { describe, expect, it } from 'vitest'
import { InvalidMnemonicError } from '../../lib/errors.js'
import { bytesToBigInt, FIELD_SIZE } from '../../lib/field.js'
import { deriveKeys, generateMnemonic, validateMnemonic } from '../../lib/keys.js'
import vectors from '../vectors/protocol.json'

const MNEMONIC = 'test test test test test test test test test test test junk'

/** HKDF-SHA256 through WebCrypto: an implementation independent of lib/. */
async function hkdf(ikm: Uint8Array, info: string, length: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', ikm.slice(), 'HKDF', false, ['deriveBits'])
  const params = {
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new TextEncoder().encode('zkpay'),
    info: new TextEncoder().encode(info),
  }
  return new Uint8Array(await crypto.subtle.deriveBits(params, key, length * 8))
}

describe('deriveKeys', () => {
  const keys = deriveKeys(MNEMONIC)

  it('follows the protocol derivation', async () => {
    const seed = mnemonicToSeedSync(MNEMONIC, '')
    const okm = await hkdf(seed, 'zkpay/v1/spending-key', 64)
    const sk = 1n + (bytesToBigInt(okm) % (FIELD_SIZE - 1n))
    expect(keys.spendingKey).toBe(sk)
    expect(keys.ownerKey).toBe(poseidon1([sk]))
    const viewing = await hkdf(seed, 'zkpay/v1/viewing-key', 32)
    expect(keys.viewingKey.privateKey).toEqual(viewing)
    expect(keys.viewingKey.publicKey).toEqual(x25519.getPublicKey(viewing))
  })

  it('matches the shared vectors', () => {
    expect(keys.spendingKey.toString()).toBe(vectors.keys.spendingKey)
    expect(keys.ownerKey.toString()).toBe(vectors.keys.ownerKey)
    expect(keys.spendingKey > 0n && keys.spendingKey < FIELD_SIZE).toBe(true)
  })

  it('derives the usual BIP-44 account, lazily', () => {
    // Anvil's and Hardhat's first account for this mnemonic.
    expect(keys.account.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    expect(keys.account).toBe(keys.account)
  })

  it('normalizes case and whitespace', () => {
    const messy = deriveKeys(`  ${MNEMONIC.toUpperCase().replaceAll(' ', ' \n\t')}  `)
    expect(messy.spendingKey).toBe(keys.spendingKey)
  })

  it('gives different mnemonics different keys', () => {
    const other = deriveKeys(generateMnemonic())
    expect(other.spendingKey).not.toBe(keys.spendingKey)
    expect(other.viewingKey.publicKey).not.toEqual(keys.viewingKey.publicKey)
  })
})

describe('mnemonics', () => {
  it('generates valid 12- and 24-word phrases', () => {
    const short = generateMnemonic()
    expect(short.split(' ')).toHaveLength(12)
    expect(validateMnemonic(short)).toBe(short)
    expect(generateMnemonic({ strength: 256 }).split(' ')).toHaveLength(24)
  })

  it.each([
    ['', /12, 15, 18, 21 or 24 words, not 0/],
    ['test test test', /not 3/],
    [MNEMONIC.replace('junk', 'junkk'), /not in the BIP-39 English list: junkk/],
    [MNEMONIC.replace('junk', 'test'), /checksum/],
  ])('refuses %j', (phrase, message) => {
    expect(() => validateMnemonic(phrase)).toThrow(InvalidMnemonicError)
    expect(() => validateMnemonic(phrase)).toThrow(message)
    expect(() => deriveKeys(phrase)).toThrow(InvalidMnemonicError)
  })
})
