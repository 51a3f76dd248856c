import { x25519 } from '@noble/curves/ed25519.js'
import { mnemonicToSeedSync } from '@scure/bip39'
import { poseidon2 } from 'poseidon-lite'
import { describe, expect, it } from 'vitest'
import { InvalidMnemonicError } from '../../lib/errors.js'
import { bytesToBigInt, FIELD_SIZE } from '../../lib/field.js'
import { deriveKeys, generateMnemonic, validateMnemonic, viewKeysOf } from '../../lib/keys.js'
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
const fieldKey = async (seed: Uint8Array, info: string) =>
  1n + (bytesToBigInt(await hkdf(seed, info, 64)) % (FIELD_SIZE - 1n))
const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}`

describe('deriveKeys', () => {
  const keys = deriveKeys(MNEMONIC)

  it('follows the protocol v2 derivation', async () => {
    const seed = mnemonicToSeedSync(MNEMONIC, '')
    const sk = await fieldKey(seed, 'zkpay/v2/spending-key')
    const nk = await fieldKey(seed, 'zkpay/v2/nullifier-key')
    expect(keys.spendingKey).toBe(sk)
    expect(keys.nullifierKey).toBe(nk)
    expect(keys.ownerKey).toBe(poseidon2([sk, nk]))
    const viewing = await hkdf(seed, 'zkpay/v2/viewing-key', 32)
    expect(keys.viewingKey.privateKey).toEqual(viewing)
    expect(keys.viewingKey.publicKey).toEqual(x25519.getPublicKey(viewing))
    expect(keys.outgoingKey).toEqual(await hkdf(seed, 'zkpay/v2/outgoing-key', 32))
  })

  it('matches the shared vectors', () => {
    expect(keys.spendingKey.toString()).toBe(vectors.keys.spendingKey)
    expect(keys.nullifierKey.toString()).toBe(vectors.keys.nullifierKey)
    expect(keys.ownerKey.toString()).toBe(vectors.keys.ownerKey)
    expect(hex(keys.viewingKey.privateKey)).toBe(vectors.keys.viewingPrivateKey)
    expect(hex(keys.viewingKey.publicKey)).toBe(vectors.keys.viewingPublicKey)
    expect(hex(keys.outgoingKey)).toBe(vectors.keys.outgoingKey)
  })

  it('gives keys in range, and different keys for each purpose', () => {
    for (const k of [keys.spendingKey, keys.nullifierKey, keys.ownerKey]) {
      expect(k > 0n && k < FIELD_SIZE).toBe(true)
    }
    expect(keys.nullifierKey).not.toBe(keys.spendingKey)
    expect(keys.outgoingKey).toHaveLength(32)
    expect(keys.outgoingKey).not.toEqual(keys.viewingKey.privateKey)
  })

  it('derives the usual BIP-44 account, lazily', () => {
    // Anvil's and Hardhat's first account for this mnemonic.
    expect(keys.account.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    expect(keys.account).toBe(keys.account)
  })

  it('separates the view keys from the spending key', () => {
    const view = viewKeysOf(keys)
    expect(Object.keys(view).sort()).toEqual([
      'nullifierKey',
      'outgoingKey',
      'ownerKey',
      'viewingKey',
    ])
    expect(view).not.toHaveProperty('spendingKey')
    expect(view).not.toHaveProperty('account')
    expect(view.nullifierKey).toBe(keys.nullifierKey)
    expect(view.ownerKey).toBe(keys.ownerKey)
  })

  it('normalizes case and whitespace', () => {
    const messy = deriveKeys(`  ${MNEMONIC.toUpperCase().replaceAll(' ', ' \n\t')}  `)
    expect(messy.spendingKey).toBe(keys.spendingKey)
    expect(messy.nullifierKey).toBe(keys.nullifierKey)
  })

  it('gives different mnemonics different keys', () => {
    const other = deriveKeys(generateMnemonic())
    expect(other.spendingKey).not.toBe(keys.spendingKey)
    expect(other.nullifierKey).not.toBe(keys.nullifierKey)
    expect(other.viewingKey.publicKey).not.toEqual(keys.viewingKey.publicKey)
    expect(other.outgoingKey).not.toEqual(keys.outgoingKey)
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
