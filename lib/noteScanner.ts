import { aesGcmDecrypt } from './aesGcm.js'
import { InvalidKeyError } from './errors.js'
import type { ViewingKey } from './keys.js'
import {
  CIPHERTEXT_OFFSET,
  decodeNotePlaintext,
  deriveNoteSecrets,
  ENCRYPTED_NOTE_LENGTH,
  ENCRYPTED_NOTE_VERSION,
  EPK_OFFSET,
  type NotePlaintext,
} from './noteFormat.js'
import {
  type CryptoBackend,
  detectX25519Backend,
  getX25519PublicKey,
  importX25519PrivateKey,
} from './x25519.js'

/** Trial-decrypts encrypted outputs for one viewing key. */
export type NoteScanner = {
  /** The backend the key agreement runs on. */
  readonly backend: CryptoBackend
  /**
   * The plaintext if `data` is an output for this viewing key, else `null`
   * (foreign, malformed or tampered). The caller still recomputes the
   * commitment from the plaintext and its owner key and compares it with the
   * chain's before accepting the note.
   */
  tryDecrypt(data: Uint8Array): Promise<NotePlaintext | null>
  /**
   * {@link NoteScanner.tryDecrypt} over many outputs, in order, with a few in
   * flight at once so native key agreements overlap.
   */
  tryDecryptAll(outputs: readonly Uint8Array[]): Promise<(NotePlaintext | null)[]>
}

/** Options of {@link createNoteScanner}. */
export type CreateNoteScannerOptions = {
  /** Force a backend (tests, benchmarks); detected once by default. */
  backend?: CryptoBackend
  /** Outputs in flight at once in `tryDecryptAll`. Defaults to 16. */
  concurrency?: number
}

/**
 * Imports the viewing private key once and returns a scanner. Throws an
 * {@link InvalidKeyError} if the key pair is malformed or its public half
 * does not match the private one.
 */
export async function createNoteScanner(
  viewingKey: ViewingKey,
  { backend: forced, concurrency = 16 }: CreateNoteScannerOptions = {},
): Promise<NoteScanner> {
  const { privateKey, publicKey } = viewingKey
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new InvalidKeyError('The viewing public key must be 32 bytes.')
  }
  const backend = forced ?? (await detectX25519Backend())
  const key = await importX25519PrivateKey(privateKey, backend)
  const expected = await getX25519PublicKey(privateKey, backend)
  if (!equalBytes(expected, publicKey)) {
    throw new InvalidKeyError('The viewing public key does not belong to the private key.')
  }
  const viewingPublicKey = publicKey.slice()

  async function tryDecrypt(data: Uint8Array): Promise<NotePlaintext | null> {
    if (!(data instanceof Uint8Array) || data.length !== ENCRYPTED_NOTE_LENGTH) return null
    if (data[0] !== ENCRYPTED_NOTE_VERSION) return null
    const ephemeralPublicKey = data.slice(EPK_OFFSET, CIPHERTEXT_OFFSET)
    let sharedSecret: Uint8Array
    try {
      sharedSecret = await key.sharedSecret(ephemeralPublicKey)
    } catch {
      return null // low-order epk: nobody's note
    }
    const secrets = deriveNoteSecrets({ sharedSecret, ephemeralPublicKey, viewingPublicKey })
    if (secrets.viewTag !== data[1]) return null
    const plaintext = await aesGcmDecrypt({
      key: secrets.key,
      iv: secrets.iv,
      ciphertext: data.subarray(CIPHERTEXT_OFFSET),
      backend,
    })
    return plaintext && decodeNotePlaintext(plaintext)
  }

  async function tryDecryptAll(outputs: readonly Uint8Array[]) {
    const results: (NotePlaintext | null)[] = new Array(outputs.length).fill(null)
    let next = 0
    const worker = async () => {
      while (next < outputs.length) {
        const i = next++
        results[i] = await tryDecrypt(outputs[i]!)
      }
    }
    const workers = Math.max(1, Math.min(concurrency, outputs.length))
    await Promise.all(Array.from({ length: workers }, worker))
    return results
  }

  return { backend, tryDecrypt, tryDecryptAll }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}
