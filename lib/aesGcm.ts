import { gcm } from '@noble/ciphers/aes.js'
import type { CryptoBackend } from './x25519.js'

/** Parameters of {@link aesGcmEncrypt} and {@link aesGcmDecrypt}. */
export type AesGcmParameters = {
  /** 32-byte AES-256 key. */
  key: Uint8Array
  /** 12-byte nonce; never reuse one with the same key. */
  iv: Uint8Array
  /** Force a backend; by default WebCrypto when `crypto.subtle` exists. */
  backend?: CryptoBackend
}

/** AES-256-GCM without associated data: returns `ciphertext || tag` (16 bytes). */
export async function aesGcmEncrypt({
  key,
  iv,
  plaintext,
  backend,
}: AesGcmParameters & { plaintext: Uint8Array }): Promise<Uint8Array> {
  const subtle = pickSubtle(backend)
  if (!subtle) return gcm(key, iv).encrypt(plaintext)
  const cryptoKey = await subtle.importKey('raw', key.slice(), 'AES-GCM', false, ['encrypt'])
  const sealed = await subtle.encrypt(
    { name: 'AES-GCM', iv: iv.slice() },
    cryptoKey,
    plaintext.slice(),
  )
  return new Uint8Array(sealed)
}

/**
 * Opens `ciphertext || tag` from {@link aesGcmEncrypt}; `null` when the tag
 * does not verify (wrong key, or tampered data).
 */
export async function aesGcmDecrypt({
  key,
  iv,
  ciphertext,
  backend,
}: AesGcmParameters & { ciphertext: Uint8Array }): Promise<Uint8Array | null> {
  const subtle = pickSubtle(backend)
  try {
    if (!subtle) return gcm(key, iv).decrypt(ciphertext)
    const cryptoKey = await subtle.importKey('raw', key.slice(), 'AES-GCM', false, ['decrypt'])
    const opened = await subtle.decrypt(
      { name: 'AES-GCM', iv: iv.slice() },
      cryptoKey,
      ciphertext.slice(),
    )
    return new Uint8Array(opened)
  } catch {
    return null
  }
}

function pickSubtle(backend: CryptoBackend | undefined): SubtleCrypto | undefined {
  return backend === 'noble' ? undefined : globalThis.crypto?.subtle
}
