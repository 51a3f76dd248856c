import { aesGcmDecrypt } from '../aesGcm.js'
import { InvalidKeystoreError, WrongPasswordError } from '../errors.js'
import { deriveKeystoreKey, parseKeystoreBlob } from './keystore.js'

export type DecryptSecretParameters = {
  /** A `KeystoreBlob`, e.g. straight from `JSON.parse`; it is checked first. */
  blob: unknown
  password: string
}

/**
 * Opens a blob sealed by `encryptSecret` and returns the secret. A wrong
 * password (or an altered blob: GCM cannot tell them apart) throws a
 * {@link WrongPasswordError}; a malformed blob, or one asking for scrypt
 * parameters beyond the limits, an `InvalidKeystoreError` before any work.
 *
 * @example
 * const mnemonic = await decryptSecret({ blob: JSON.parse(text), password })
 */
export async function decryptSecret(params: DecryptSecretParameters): Promise<string> {
  const { parameters, salt, iv, ciphertext } = parseKeystoreBlob(params.blob)
  const key = await deriveKeystoreKey(params.password, salt, parameters)
  const plaintext = await aesGcmDecrypt({ key, iv, ciphertext })
  key.fill(0)
  if (!plaintext) throw new WrongPasswordError()
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext)
  } catch {
    throw new InvalidKeystoreError('The keystore opened but does not hold UTF-8 text.')
  } finally {
    plaintext.fill(0)
  }
}
