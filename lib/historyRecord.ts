import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { type Address, getAddress } from 'viem'
import { decodeAddress, encodeAddress, type ShieldedAddress } from './address.js'
import { aesGcmDecrypt, aesGcmEncrypt } from './aesGcm.js'
import { AMOUNT_LIMIT } from './amount.js'
import { InvalidAmountError, InvalidKeyError, InvalidNoteError } from './errors.js'
import { bigIntToBytes, bytesToBigInt, isField } from './field.js'
import { MAX_MEMO_BYTES } from './noteFormat.js'
import type { CryptoBackend } from './x25519.js'

/** The version byte of protocol v2 history records. */
export const HISTORY_VERSION = 2
/** Every history record is exactly this long: `1 + 1 + 147 + 16`. */
export const ENCRYPTED_HISTORY_LENGTH = 165

/** What kind of transaction a history record describes. */
export type HistoryKind = 'pay' | 'shield' | 'unshield' | 'merge'

/**
 * What the sender keeps about its own transaction, readable only with its
 * outgoing key: kind, counterparty, amount and memo.
 */
export type HistoryRecord =
  | { kind: 'pay'; to: ShieldedAddress; amount: bigint; memo: string }
  | { kind: 'shield'; from: Address; amount: bigint; memo: string }
  | { kind: 'unshield'; to: Address; amount: bigint; memo: string }
  | { kind: 'merge'; amount: bigint; memo: string }

const KIND_BYTES: Record<HistoryKind, number> = { pay: 1, shield: 2, unshield: 3, merge: 4 }
const INFO = utf8ToBytes('zkpay/v2/history')
/** `kind || counterparty (65) || amount (16) || memoLength || memo (64)`. */
const PLAINTEXT_LENGTH = 1 + 65 + 16 + 1 + MAX_MEMO_BYTES
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * `okm = HKDF-SHA256(ovk, salt = N_0 (32 bytes BE), "zkpay/v2/history", 45)`:
 * key, iv and view tag of the record of the transaction whose first nullifier
 * is `N_0`. Nullifiers never repeat, so neither does a key and iv pair.
 */
export function deriveHistorySecrets(outgoingKey: Uint8Array, firstNullifier: bigint) {
  if (!(outgoingKey instanceof Uint8Array) || outgoingKey.length !== 32) {
    throw new InvalidKeyError('The outgoing key must be 32 bytes.')
  }
  if (!isField(firstNullifier)) throw new InvalidNoteError('The nullifier is not a field element.')
  const okm = hkdf(sha256, outgoingKey, bigIntToBytes(firstNullifier), INFO, 45)
  return { key: okm.subarray(0, 32), iv: okm.subarray(32, 44), viewTag: okm[44]! }
}

function encodePlaintext(record: HistoryRecord): Uint8Array {
  const out = new Uint8Array(PLAINTEXT_LENGTH)
  out[0] = KIND_BYTES[record.kind]
  if (record.kind === 'pay') {
    const { ownerKey, viewingPublicKey } = decodeAddress(record.to)
    out[1] = 2 // the address version
    out.set(bigIntToBytes(ownerKey), 2)
    out.set(viewingPublicKey, 34)
  } else if (record.kind === 'shield' || record.kind === 'unshield') {
    const account = record.kind === 'shield' ? record.from : record.to
    out.set(hexToBytes20(account), 1)
  }
  if (typeof record.amount !== 'bigint' || record.amount < 0n || record.amount >= AMOUNT_LIMIT) {
    throw new InvalidAmountError('A history amount must be a bigint in [0, 2^128).')
  }
  out.set(bigIntToBytes(record.amount).subarray(16), 66)
  const memo = utf8ToBytes(record.memo ?? '')
  if (memo.length > MAX_MEMO_BYTES) {
    throw new InvalidNoteError(`The memo is too long: at most ${MAX_MEMO_BYTES} bytes of UTF-8.`)
  }
  out[82] = memo.length
  out.set(memo, 83)
  return out
}

function decodePlaintext(bytes: Uint8Array): HistoryRecord | null {
  if (bytes.length !== PLAINTEXT_LENGTH) return null
  const amount = bytesToBigInt(bytes.subarray(66, 82))
  const memoLength = bytes[82]!
  if (memoLength > MAX_MEMO_BYTES || bytes.subarray(83 + memoLength).some((b) => b !== 0)) {
    return null
  }
  let memo: string
  try {
    memo = utf8.decode(bytes.subarray(83, 83 + memoLength))
  } catch {
    return null
  }
  const counterparty = bytes.subarray(1, 66)
  switch (bytes[0]) {
    case 1: {
      if (counterparty[0] !== 2) return null
      const ownerKey = bytesToBigInt(counterparty.subarray(1, 33))
      if (!isField(ownerKey)) return null
      const to = encodeAddress({ ownerKey, viewingPublicKey: counterparty.slice(33) })
      return { kind: 'pay', to, amount, memo }
    }
    case 2:
    case 3: {
      if (counterparty.subarray(20).some((b) => b !== 0)) return null
      const account = getAddress(`0x${bytesToHex(counterparty.subarray(0, 20))}`)
      return bytes[0] === 2
        ? { kind: 'shield', from: account, amount, memo }
        : { kind: 'unshield', to: account, amount, memo }
    }
    case 4:
      return counterparty.some((b) => b !== 0) ? null : { kind: 'merge', amount, memo }
    default:
      return null
  }
}

/**
 * Seals a history record for the sender: `0x02 || viewTag ||
 * AES-256-GCM(plaintext)`, always {@link ENCRYPTED_HISTORY_LENGTH} bytes.
 */
export async function encryptHistory({
  record,
  outgoingKey,
  firstNullifier,
  backend,
}: {
  record: HistoryRecord
  outgoingKey: Uint8Array
  firstNullifier: bigint
  backend?: CryptoBackend
}): Promise<Uint8Array> {
  const plaintext = encodePlaintext(record)
  const { key, iv, viewTag } = deriveHistorySecrets(outgoingKey, firstNullifier)
  const sealed = await aesGcmEncrypt({ key, iv, plaintext, backend })
  const out = new Uint8Array(ENCRYPTED_HISTORY_LENGTH)
  out[0] = HISTORY_VERSION
  out[1] = viewTag
  out.set(sealed, 2)
  return out
}

/**
 * Opens the history record of a transaction if this wallet sent it, else
 * `null` (another sender, a view-tag miss, tampered or malformed data).
 */
export async function tryDecryptHistory({
  data,
  outgoingKey,
  firstNullifier,
  backend,
}: {
  data: Uint8Array
  outgoingKey: Uint8Array
  firstNullifier: bigint
  backend?: CryptoBackend
}): Promise<HistoryRecord | null> {
  if (data.length !== ENCRYPTED_HISTORY_LENGTH || data[0] !== HISTORY_VERSION) return null
  const { key, iv, viewTag } = deriveHistorySecrets(outgoingKey, firstNullifier)
  if (data[1] !== viewTag) return null
  const opened = await aesGcmDecrypt({ key, iv, ciphertext: data.subarray(2), backend })
  return opened ? decodePlaintext(opened) : null
}

function hexToBytes20(address: Address): Uint8Array {
  return hexToBytes(getAddress(address).slice(2))
}
