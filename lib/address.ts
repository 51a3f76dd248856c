import { bech32m } from '@scure/base'
import { type Address, getAddress, isAddress as isViemAddress, zeroAddress } from 'viem'
import { InvalidAddressError, InvalidKeyError } from './errors.js'
import { bigIntToBytes, bytesToBigInt, isField } from './field.js'

/** The bech32m human-readable part of shielded addresses. */
export const ADDRESS_PREFIX = 'zkpay'
/** The payload version byte of protocol v2 addresses. */
export const ADDRESS_VERSION = 2
/** Characters in a v2 address: `zkpay1`, 104 data characters, 6 checksum characters. */
export const ADDRESS_LENGTH = 116

/** A shielded address string, `zkpay1…`. */
export type ShieldedAddress = `zkpay1${string}`

/** What a shielded address carries: who owns the notes and who can read them. */
export type AddressKeys = {
  /** `P = H2(sk, nk)`, the owner field of notes sent to this address. */
  ownerKey: bigint
  /** `V`, the recipient's 32-byte X25519 viewing public key. */
  viewingPublicKey: Uint8Array
}

const PAYLOAD_LENGTH = 65
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'

/** Encodes `version || P || V` as a bech32m `zkpay1…` address. */
export function encodeAddress({ ownerKey, viewingPublicKey }: AddressKeys): ShieldedAddress {
  if (!isField(ownerKey)) throw new InvalidKeyError('The owner key is not a field element.')
  if (!(viewingPublicKey instanceof Uint8Array) || viewingPublicKey.length !== 32) {
    throw new InvalidKeyError('The viewing public key must be 32 bytes.')
  }
  const payload = new Uint8Array(PAYLOAD_LENGTH)
  payload[0] = ADDRESS_VERSION
  payload.set(bigIntToBytes(ownerKey), 1)
  payload.set(viewingPublicKey, 33)
  // bech32's 90-character limit exists for error-correction guarantees on
  // short strings; bech32m still detects any single wrong character at 116.
  return bech32m.encode(ADDRESS_PREFIX, bech32m.toWords(payload), false) as ShieldedAddress
}

/**
 * Decodes a shielded address. Checks case, prefix, characters, length,
 * checksum, version and `P < p`; any failure throws an
 * {@link InvalidAddressError} whose message says which, never a best guess.
 * Surrounding whitespace is ignored; an all-uppercase address (QR codes) is
 * accepted.
 */
export function decodeAddress(address: string): AddressKeys {
  if (typeof address !== 'string') throw new InvalidAddressError('The address is not a string.')
  const text = address.trim()
  if (text === '') throw new InvalidAddressError('The address is empty.')
  const lower = text.toLowerCase()
  if (/^0x[0-9a-f]*$/.test(lower)) {
    throw new InvalidAddressError('This is an Ethereum address, not a shielded zkpay1… address.')
  }
  if (text !== lower && text !== text.toUpperCase()) {
    throw new InvalidAddressError('The address mixes upper- and lowercase letters.')
  }
  const separator = lower.lastIndexOf('1')
  if (separator < 0 || lower.slice(0, separator) !== ADDRESS_PREFIX) {
    throw new InvalidAddressError('The address does not start with zkpay1.', {
      details: `Got "${text.slice(0, 12)}…".`,
    })
  }
  const invalid = [...lower.slice(separator + 1)].filter((c) => !CHARSET.includes(c))
  if (invalid.length > 0) {
    throw new InvalidAddressError(
      `The address contains characters that bech32 never uses: ${[...new Set(invalid)].join(' ')}.`,
    )
  }
  if (lower.length !== ADDRESS_LENGTH) {
    throw new InvalidAddressError(
      `The address has ${lower.length} characters instead of ${ADDRESS_LENGTH}: part of it is missing or extra.`,
    )
  }
  let words: number[]
  try {
    words = bech32m.decode(lower as ShieldedAddress, false).words
  } catch (cause) {
    throw new InvalidAddressError(
      'The address checksum does not match: a character is wrong. Copy it again.',
      { cause },
    )
  }
  const payload = bech32m.fromWordsUnsafe(words)
  if (!payload || payload.length !== PAYLOAD_LENGTH) {
    throw new InvalidAddressError('The address payload has the wrong length.')
  }
  if (payload[0] !== ADDRESS_VERSION) {
    throw new InvalidAddressError(
      `The address has version ${payload[0]}; this wallet understands version ${ADDRESS_VERSION}.`,
    )
  }
  const ownerKey = bytesToBigInt(payload.subarray(1, 33))
  if (!isField(ownerKey)) {
    throw new InvalidAddressError('The address owner key is not below the field size.')
  }
  return { ownerKey, viewingPublicKey: payload.slice(33) }
}

/** Whether `value` is a valid shielded address (see {@link decodeAddress}). */
export function isAddress(value: unknown): value is ShieldedAddress {
  try {
    decodeAddress(value as string)
    return true
  } catch {
    return false
  }
}

/**
 * Parses a public Ethereum address and returns it checksummed. Mixed case must
 * carry a valid EIP-55 checksum; all-lowercase is accepted. The zero address
 * is refused because funds sent there are burned. Throws an
 * {@link InvalidAddressError}.
 */
export function parseEvmAddress(value: string): Address {
  if (typeof value !== 'string') throw new InvalidAddressError('The address is not a string.')
  const text = value.trim()
  if (text.toLowerCase().startsWith(`${ADDRESS_PREFIX}1`)) {
    throw new InvalidAddressError(
      'This is a shielded address; an Ethereum 0x… address is expected.',
    )
  }
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) {
    throw new InvalidAddressError('This is not an Ethereum address (0x and 40 hex digits).')
  }
  if (!isViemAddress(text, { strict: true })) {
    throw new InvalidAddressError(
      'The address checksum (its upper/lowercase pattern) does not match: a character is wrong.',
    )
  }
  const address = getAddress(text)
  if (address === zeroAddress) {
    throw new InvalidAddressError('The zero address burns whatever is sent to it.')
  }
  return address
}
