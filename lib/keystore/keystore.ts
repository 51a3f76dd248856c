import { scryptAsync } from '@noble/hashes/scrypt.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { base64 } from '@scure/base'
import { InvalidKeystoreError } from '../errors.js'

/** Scrypt's cost parameters; `N` is a power of two. */
export type ScryptParameters = { N: number; r: number; p: number }

/**
 * A secret sealed under a password, JSON-serializable (version 1): scrypt
 * derives an AES-256-GCM key from the password and the salt; binary fields
 * are base64.
 */
export type KeystoreBlob = {
  version: 1
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string }
  cipher: { name: 'aes-256-gcm'; iv: string }
  /** The sealed secret followed by the 16-byte GCM tag. */
  ciphertext: string
}

/** N = 2^17, r = 8, p = 1: about a second and 128 MiB per unlock, the usual wallet setting. */
export const defaultScryptParameters: ScryptParameters = { N: 2 ** 17, r: 8, p: 1 }

/** Largest `N` a blob may ask for: a file must not be able to make an unlock take minutes. */
export const MAX_SCRYPT_N = 2 ** 20

/**
 * Checks scrypt parameters, whether chosen by a caller or read from a blob:
 * `N` a power of two in `[2, 2^20]`, `r` in `[1, 32]`, `p` in `[1, 16]`, and
 * `N·r·p` at most 2^23 (8 times the default's work, 1 GiB of memory). Throws
 * an {@link InvalidKeystoreError}.
 */
export function assertScryptParameters({ N, r, p }: ScryptParameters): void {
  const whole = (v: number, min: number, max: number) =>
    Number.isSafeInteger(v) && v >= min && v <= max
  if (!whole(N, 2, MAX_SCRYPT_N) || (N & (N - 1)) !== 0)
    throw new InvalidKeystoreError('The scrypt N must be a power of two from 2 to 2^20.')
  if (!whole(r, 1, 32) || !whole(p, 1, 16))
    throw new InvalidKeystoreError('The scrypt r must be 1 to 32 and p 1 to 16.')
  if (N * r * p > 2 ** 23)
    throw new InvalidKeystoreError('The scrypt parameters ask for too much work: N·r·p above 2^23.')
}

/**
 * The 32-byte AES key for `password`. The password is NFKC-normalized first so
 * that the same typed text opens the blob on every platform and keyboard.
 */
export function deriveKeystoreKey(
  password: string,
  salt: Uint8Array,
  { N, r, p }: ScryptParameters,
): Promise<Uint8Array> {
  return scryptAsync(utf8ToBytes(password.normalize('NFKC')), salt, { N, r, p, dkLen: 32 })
}

/**
 * Reads a blob that came from storage (already `JSON.parse`d): checks its
 * shape, version, algorithms and parameters and decodes the binary fields.
 * Throws an {@link InvalidKeystoreError} naming what is wrong.
 */
export function parseKeystoreBlob(value: unknown) {
  const blob = value as Partial<KeystoreBlob> | null
  if (typeof blob !== 'object' || blob === null || Array.isArray(blob))
    throw new InvalidKeystoreError('The keystore is not a JSON object.')
  if (blob.version !== 1)
    throw new InvalidKeystoreError(
      `The keystore has version ${String(blob.version)}; this wallet reads version 1.`,
    )
  const { kdf, cipher } = blob
  if (kdf?.name !== 'scrypt')
    throw new InvalidKeystoreError('The keystore does not use scrypt as its key derivation.')
  if (cipher?.name !== 'aes-256-gcm')
    throw new InvalidKeystoreError('The keystore does not use AES-256-GCM.')
  const parameters = { N: kdf.N, r: kdf.r, p: kdf.p }
  assertScryptParameters(parameters)
  const salt = decodeField(kdf.salt, 'salt')
  const iv = decodeField(cipher.iv, 'iv')
  const ciphertext = decodeField(blob.ciphertext, 'ciphertext')
  if (salt.length < 16) throw new InvalidKeystoreError('The keystore salt is too short.')
  if (iv.length !== 12) throw new InvalidKeystoreError('The keystore IV is not 12 bytes.')
  if (ciphertext.length < 16)
    throw new InvalidKeystoreError('The keystore ciphertext is cut short.')
  return { parameters, salt, iv, ciphertext }
}

function decodeField(value: unknown, name: string): Uint8Array {
  if (typeof value !== 'string') throw new InvalidKeystoreError(`The keystore has no ${name}.`)
  try {
    return base64.decode(value)
  } catch (cause) {
    throw new InvalidKeystoreError(`The keystore ${name} is not base64.`, { cause })
  }
}
