import { x25519 } from '@noble/curves/ed25519.js'
import { bech32m } from '@scure/base'
import { InvalidKeyError } from './errors.js'
import { bigIntToBytes, bytesToBigInt, isField } from './field.js'
import type { ViewKeys } from './keys.js'

/** The bech32m prefix of full viewing keys. */
export const VIEWING_KEY_PREFIX = 'zkpayview'
/** The payload version byte of protocol v2 full viewing keys. */
export const VIEWING_KEY_VERSION = 2

/** A full viewing key string, `zkpayview1…`. */
export type FullViewingKey = `zkpayview1${string}`

const PAYLOAD_LENGTH = 1 + 32 * 4

/**
 * Encodes `version || nk || P || ivk || ovk` (129 bytes) as `zkpayview1…`.
 * Whoever holds it sees every note of the wallet arrive and leave and reads
 * its history, but cannot spend: that needs `sk`, which it does not contain.
 */
export function encodeFullViewingKey(keys: ViewKeys): FullViewingKey {
  const payload = new Uint8Array(PAYLOAD_LENGTH)
  payload[0] = VIEWING_KEY_VERSION
  payload.set(bigIntToBytes(keys.nullifierKey), 1)
  payload.set(bigIntToBytes(keys.ownerKey), 33)
  payload.set(keys.viewingKey.privateKey, 65)
  payload.set(keys.outgoingKey, 97)
  return bech32m.encode(VIEWING_KEY_PREFIX, bech32m.toWords(payload), false) as FullViewingKey
}

/** Decodes a full viewing key; anything malformed is an {@link InvalidKeyError}. */
export function decodeFullViewingKey(text: string): ViewKeys {
  if (typeof text !== 'string') throw new InvalidKeyError('The viewing key is not a string.')
  const lower = text.trim().toLowerCase()
  if (!lower.startsWith(`${VIEWING_KEY_PREFIX}1`)) {
    throw new InvalidKeyError('A full viewing key starts with zkpayview1.')
  }
  let payload: Uint8Array | undefined
  try {
    payload =
      bech32m.fromWordsUnsafe(bech32m.decode(lower as `${string}1${string}`, false).words) ??
      undefined
  } catch (cause) {
    throw new InvalidKeyError('The viewing key checksum does not match: a character is wrong.', {
      cause,
    })
  }
  if (!payload || payload.length !== PAYLOAD_LENGTH) {
    throw new InvalidKeyError('The viewing key has the wrong length.')
  }
  if (payload[0] !== VIEWING_KEY_VERSION) {
    throw new InvalidKeyError(
      `The viewing key has version ${payload[0]}; this wallet understands ${VIEWING_KEY_VERSION}.`,
    )
  }
  const nullifierKey = bytesToBigInt(payload.subarray(1, 33))
  const ownerKey = bytesToBigInt(payload.subarray(33, 65))
  if (!isField(nullifierKey) || nullifierKey === 0n || !isField(ownerKey)) {
    throw new InvalidKeyError('The viewing key holds a value outside the field.')
  }
  const privateKey = payload.slice(65, 97)
  return {
    nullifierKey,
    ownerKey,
    viewingKey: { privateKey, publicKey: x25519.getPublicKey(privateKey) },
    outgoingKey: payload.slice(97, 129),
  }
}
