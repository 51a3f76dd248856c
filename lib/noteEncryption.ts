import { aesGcmEncrypt } from './aesGcm.js'
import { InvalidKeyError } from './errors.js'
import type { ViewingKey } from './keys.js'
import {
  CIPHERTEXT_OFFSET,
  deriveNoteSecrets,
  ENCRYPTED_NOTE_LENGTH,
  ENCRYPTED_NOTE_VERSION,
  EPK_OFFSET,
  encodeNotePlaintext,
  type NotePlaintext,
} from './noteFormat.js'
import { createNoteScanner } from './noteScanner.js'
import { type CryptoBackend, getX25519PublicKey, importX25519PrivateKey } from './x25519.js'

/** Parameters of {@link encryptNote}. */
export type EncryptNoteParameters = {
  /** What the recipient learns; `memo` is at most 64 UTF-8 bytes. */
  note: { amount: bigint; blinding: bigint; memo?: string }
  /** `V` from the recipient's shielded address. */
  viewingPublicKey: Uint8Array
  /**
   * The 32-byte ephemeral X25519 secret. Random by default; pass one only to
   * reproduce test vectors, since reusing it links and weakens outputs.
   */
  ephemeralSecret?: Uint8Array
  /** Force a backend (tests, benchmarks). */
  backend?: CryptoBackend
}

/**
 * Encrypts a note to a viewing public key: `0x01 || viewTag || epk ||
 * AES-256-GCM(plaintext)`, always {@link ENCRYPTED_NOTE_LENGTH} (179) bytes
 * whatever the memo. Throws an InvalidNoteError / InvalidAmountError for a
 * bad note or memo, an {@link InvalidKeyError} for a bad viewing key.
 */
export async function encryptNote({
  note,
  viewingPublicKey,
  ephemeralSecret = globalThis.crypto.getRandomValues(new Uint8Array(32)),
  backend,
}: EncryptNoteParameters): Promise<Uint8Array> {
  const plaintext = encodeNotePlaintext(note)
  if (!(viewingPublicKey instanceof Uint8Array) || viewingPublicKey.length !== 32) {
    throw new InvalidKeyError('The viewing public key must be 32 bytes.')
  }
  const ephemeral = await importX25519PrivateKey(ephemeralSecret, backend)
  const ephemeralPublicKey = await getX25519PublicKey(ephemeralSecret, backend)
  let sharedSecret: Uint8Array
  try {
    sharedSecret = await ephemeral.sharedSecret(viewingPublicKey)
  } catch (cause) {
    throw new InvalidKeyError('The viewing public key is a low-order point.', { cause })
  }
  const { key, iv, viewTag } = deriveNoteSecrets({
    sharedSecret,
    ephemeralPublicKey,
    viewingPublicKey,
  })
  const sealed = await aesGcmEncrypt({ key, iv, plaintext, backend })
  const out = new Uint8Array(ENCRYPTED_NOTE_LENGTH)
  out[0] = ENCRYPTED_NOTE_VERSION
  out[1] = viewTag
  out.set(ephemeralPublicKey, EPK_OFFSET)
  out.set(sealed, CIPHERTEXT_OFFSET)
  return out
}

/**
 * Decrypts one output if it is for `viewingKey`, else `null` (wrong key, view
 * tag mismatch without running the AEAD, tampered or malformed data). To
 * scan many outputs, use {@link createNoteScanner}, which imports the key
 * once.
 */
export async function tryDecryptNote({
  data,
  viewingKey,
  backend,
}: {
  data: Uint8Array
  viewingKey: ViewingKey
  backend?: CryptoBackend
}): Promise<NotePlaintext | null> {
  const scanner = await createNoteScanner(viewingKey, { backend })
  return scanner.tryDecrypt(data)
}
