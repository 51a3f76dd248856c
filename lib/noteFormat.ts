import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { AMOUNT_LIMIT } from './amount.js'
import { InvalidAmountError, InvalidNoteError } from './errors.js'
import { bigIntToBytes, bytesToBigInt, isField } from './field.js'

/** The version byte of protocol v2 encrypted outputs. */
export const ENCRYPTED_NOTE_VERSION = 2
/** Every v2 encrypted output is exactly this long: `1 + 1 + 32 + 129 + 16`. */
export const ENCRYPTED_NOTE_LENGTH = 179
/** The memo holds at most this many UTF-8 bytes. */
export const MAX_MEMO_BYTES = 64

/** What an encrypted output carries to its recipient. */
export type NotePlaintext = {
  amount: bigint
  blinding: bigint
  /** Free text from the sender, `''` when none. */
  memo: string
}

/** The per-output secrets derived from the X25519 shared secret. */
export type NoteSecrets = { key: Uint8Array; iv: Uint8Array; viewTag: number }

/** `amount || blinding || memoLength || memo`: 129 bytes. */
export const PLAINTEXT_LENGTH = 32 + 32 + 1 + MAX_MEMO_BYTES
/** Where `epk` starts in an encrypted output (after version and view tag). */
export const EPK_OFFSET = 2
/** Where the AES-GCM ciphertext and tag start in an encrypted output. */
export const CIPHERTEXT_OFFSET = EPK_OFFSET + 32

const INFO = utf8ToBytes('zkpay/v2/note')
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * `okm = HKDF-SHA256(shared, salt = epk || V, "zkpay/v2/note", 45)` split
 * into key, iv and view tag. noble's synchronous HKDF is used rather than
 * WebCrypto's: it runs for every scanned output, and two async WebCrypto
 * round trips cost several times more than the hashing itself.
 */
export function deriveNoteSecrets({
  sharedSecret,
  ephemeralPublicKey,
  viewingPublicKey,
}: {
  sharedSecret: Uint8Array
  ephemeralPublicKey: Uint8Array
  viewingPublicKey: Uint8Array
}): NoteSecrets {
  const salt = new Uint8Array(64)
  salt.set(ephemeralPublicKey)
  salt.set(viewingPublicKey, 32)
  const okm = hkdf(sha256, sharedSecret, salt, INFO, 45)
  return { key: okm.subarray(0, 32), iv: okm.subarray(32, 44), viewTag: okm[44]! }
}

/**
 * `amount (32 BE) || blinding (32 BE) || memoLength (1) || memo (zero-padded
 * to 64)`. Throws an {@link InvalidAmountError} or {@link InvalidNoteError}
 * for out-of-range values or a memo over 64 UTF-8 bytes.
 */
export function encodeNotePlaintext({
  amount,
  blinding,
  memo = '',
}: {
  amount: bigint
  blinding: bigint
  memo?: string
}): Uint8Array {
  if (typeof amount !== 'bigint' || amount < 0n || amount >= AMOUNT_LIMIT) {
    throw new InvalidAmountError('A note amount must be a bigint in [0, 2^128).')
  }
  if (!isField(blinding)) throw new InvalidNoteError('The note blinding is not a field element.')
  if (typeof memo !== 'string') throw new InvalidNoteError('The memo is not text.')
  const memoBytes = utf8ToBytes(memo)
  if (memoBytes.length > MAX_MEMO_BYTES) {
    throw new InvalidNoteError(`The memo is too long: at most ${MAX_MEMO_BYTES} bytes of UTF-8.`, {
      details: `Got ${memoBytes.length} bytes.`,
    })
  }
  const out = new Uint8Array(PLAINTEXT_LENGTH)
  out.set(bigIntToBytes(amount), 0)
  out.set(bigIntToBytes(blinding), 32)
  out[64] = memoBytes.length
  out.set(memoBytes, 65)
  return out
}

/**
 * Parses a decrypted plaintext; `null` unless every field is canonical
 * (amount < 2^128, blinding < p, memo length <= 64, zero padding, valid
 * UTF-8), since an authenticated but malformed plaintext is still garbage.
 */
export function decodeNotePlaintext(bytes: Uint8Array): NotePlaintext | null {
  if (bytes.length !== PLAINTEXT_LENGTH) return null
  const amount = bytesToBigInt(bytes.subarray(0, 32))
  const blinding = bytesToBigInt(bytes.subarray(32, 64))
  const memoLength = bytes[64]!
  if (amount >= AMOUNT_LIMIT || !isField(blinding) || memoLength > MAX_MEMO_BYTES) return null
  if (bytes.subarray(65 + memoLength).some((b) => b !== 0)) return null
  try {
    return { amount, blinding, memo: utf8.decode(bytes.subarray(65, 65 + memoLength)) }
  } catch {
    return null
  }
}
