import { utf8ToBytes } from '@noble/hashes/utils.js'
import { base64 } from '@scure/base'
import { aesGcmEncrypt } from '../aesGcm.js'
import {
  assertScryptParameters,
  defaultScryptParameters,
  deriveKeystoreKey,
  type KeystoreBlob,
  type ScryptParameters,
} from './keystore.js'

export type EncryptSecretParameters = {
  /** The text to seal, e.g. a mnemonic. */
  secret: string
  password: string
  /**
   * Scrypt cost; defaults to {@link defaultScryptParameters}. Lower `N` only
   * for tests: the parameters are stored in the blob, so any blob still opens.
   */
  scrypt?: Partial<ScryptParameters>
}

/**
 * Seals `secret` under `password`: scrypt with a fresh random 32-byte salt
 * derives an AES-256-GCM key, which encrypts with a fresh random IV. Runs in
 * browsers and Node (WebCrypto). Returns a versioned, JSON-serializable
 * {@link KeystoreBlob}.
 *
 * @example
 * const blob = await encryptSecret({ secret: mnemonic, password })
 * localStorage.setItem('keystore', JSON.stringify(blob))
 */
export async function encryptSecret(params: EncryptSecretParameters): Promise<KeystoreBlob> {
  const scrypt = { ...defaultScryptParameters, ...params.scrypt }
  assertScryptParameters(scrypt)
  const salt = crypto.getRandomValues(new Uint8Array(32))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const key = await deriveKeystoreKey(params.password, salt, scrypt)
  const plaintext = utf8ToBytes(params.secret)
  try {
    const ciphertext = await aesGcmEncrypt({ key, iv, plaintext })
    return {
      version: 1,
      kdf: { name: 'scrypt', ...scrypt, salt: base64.encode(salt) },
      cipher: { name: 'aes-256-gcm', iv: base64.encode(iv) },
      ciphertext: base64.encode(ciphertext),
    }
  } finally {
    key.fill(0)
    plaintext.fill(0)
  }
}
