import { gcm } from '@noble/ciphers/aes.js'
import { x25519 } from '@noble/curves/ed25519.js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AMOUNT_LIMIT } from '../../lib/amount.js'
import { InvalidAmountError, InvalidKeyError, InvalidNoteError } from '../../lib/errors.js'
import { bigIntToBytes, bytesToBigInt, FIELD_SIZE } from '../../lib/field.js'
import { encryptNote, tryDecryptNote } from '../../lib/noteEncryption.js'
import { ENCRYPTED_NOTE_LENGTH, ENCRYPTED_NOTE_VERSION } from '../../lib/noteFormat.js'
import { createNoteScanner } from '../../lib/noteScanner.js'
import { detectX25519Backend } from '../../lib/x25519.js'
import vectors from '../vectors/protocol.json'

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'))
const newViewingKey = () => {
  const privateKey = x25519.utils.randomSecretKey()
  return { privateKey, publicKey: x25519.getPublicKey(privateKey) }
}
const viewingKey = {
  privateKey: hex(vectors.keys.viewingPrivateKey),
  publicKey: hex(vectors.keys.viewingPublicKey),
}

/** The spec's steps with other code paths (WebCrypto HKDF, noble X25519 and GCM). */
async function referenceSecrets(shared: Uint8Array, epk: Uint8Array, v: Uint8Array) {
  const key = await crypto.subtle.importKey('raw', shared.slice(), 'HKDF', false, ['deriveBits'])
  const salt = new Uint8Array([...epk, ...v])
  const info = new TextEncoder().encode('zkpay/v2/note')
  const okm = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, 45 * 8),
  )
  return { key: okm.slice(0, 32), iv: okm.slice(32, 44), viewTag: okm[44]! }
}

async function referenceSeal(
  plaintext: Uint8Array,
  v: Uint8Array,
  version = 2,
): Promise<Uint8Array> {
  const esk = x25519.utils.randomSecretKey()
  const epk = x25519.getPublicKey(esk)
  const s = await referenceSecrets(x25519.getSharedSecret(esk, v), epk, v)
  return new Uint8Array([version, s.viewTag, ...epk, ...gcm(s.key, s.iv).encrypt(plaintext)])
}

function plaintextOf(amount: bigint, blinding: bigint, memo: Uint8Array, memoLength = memo.length) {
  const out = new Uint8Array(129)
  out.set(bigIntToBytes(amount), 0)
  out.set(bigIntToBytes(blinding), 32)
  out[64] = memoLength
  out.set(memo, 65)
  return out
}

describe('protocol layout', () => {
  it('decrypts the vector with the reference steps', async () => {
    const data = hex(vectors.encryptedNote.data)
    expect(data.length).toBe(179)
    expect(data[0]).toBe(2)
    expect(ENCRYPTED_NOTE_VERSION).toBe(2)
    const epk = data.slice(2, 34)
    const s = await referenceSecrets(
      x25519.getSharedSecret(viewingKey.privateKey, epk),
      epk,
      viewingKey.publicKey,
    )
    expect(data[1]).toBe(s.viewTag)
    const plain = gcm(s.key, s.iv).decrypt(data.slice(34))
    expect(bytesToBigInt(plain.slice(0, 32)).toString()).toBe(vectors.encryptedNote.amount)
    expect(bytesToBigInt(plain.slice(32, 64)).toString()).toBe(vectors.encryptedNote.blinding)
    const memo = new TextEncoder().encode(vectors.encryptedNote.memo)
    expect(plain[64]).toBe(memo.length)
    expect(plain.slice(65, 65 + memo.length)).toEqual(memo)
    expect(plain.slice(65 + memo.length).every((b) => b === 0)).toBe(true)
  })

  it('finds WebCrypto X25519 in Node 20', async () => {
    expect(await detectX25519Backend()).toBe('webcrypto')
  })
})

describe.each(['webcrypto', 'noble'] as const)('note encryption (%s)', (backend) => {
  afterEach(() => vi.restoreAllMocks())
  const note = { amount: 1_500_000n, blinding: 123456789n, memo: 'thanks for lunch' }

  it('reproduces the vector from its ephemeral secret', async () => {
    const data = await encryptNote({
      note: {
        amount: BigInt(vectors.encryptedNote.amount),
        blinding: BigInt(vectors.encryptedNote.blinding),
        memo: vectors.encryptedNote.memo,
      },
      viewingPublicKey: viewingKey.publicKey,
      ephemeralSecret: hex(vectors.encryptedNote.ephemeralSecret),
      backend,
    })
    expect(Buffer.from(data).toString('hex')).toBe(vectors.encryptedNote.data.slice(2))
  })

  it('round-trips', async () => {
    const key = newViewingKey()
    const data = await encryptNote({ note, viewingPublicKey: key.publicKey, backend })
    expect(await tryDecryptNote({ data, viewingKey: key, backend })).toEqual(note)
    const bare = await encryptNote({
      note: { amount: 0n, blinding: FIELD_SIZE - 1n },
      viewingPublicKey: key.publicKey,
      backend,
    })
    expect(await tryDecryptNote({ data: bare, viewingKey: key, backend })).toEqual({
      amount: 0n,
      blinding: FIELD_SIZE - 1n,
      memo: '',
    })
  })

  it('is 179 bytes whatever the memo', async () => {
    const key = newViewingKey()
    for (const memo of ['', 'a', 'ü'.repeat(32), '🍜'.repeat(16), 'x'.repeat(64)]) {
      const data = await encryptNote({
        note: { ...note, memo },
        viewingPublicKey: key.publicKey,
        backend,
      })
      expect(data.length).toBe(ENCRYPTED_NOTE_LENGTH)
      expect((await tryDecryptNote({ data, viewingKey: key, backend }))?.memo).toBe(memo)
    }
  })

  it('refuses a memo over 64 UTF-8 bytes and out-of-range values', async () => {
    const { publicKey } = newViewingKey()
    const encrypt = (n: typeof note) =>
      encryptNote({ note: n, viewingPublicKey: publicKey, backend })
    await expect(encrypt({ ...note, memo: 'x'.repeat(65) })).rejects.toThrow(InvalidNoteError)
    await expect(encrypt({ ...note, memo: 'ü'.repeat(33) })).rejects.toThrow(/at most 64 bytes/)
    expect(AMOUNT_LIMIT).toBe(2n ** 128n)
    await expect(encrypt({ ...note, amount: AMOUNT_LIMIT })).rejects.toThrow(InvalidAmountError)
    await expect(encrypt({ ...note, amount: -1n })).rejects.toThrow(InvalidAmountError)
    await expect(encrypt({ ...note, blinding: FIELD_SIZE })).rejects.toThrow(InvalidNoteError)
  })

  it('refuses bad viewing public keys', async () => {
    const encrypt = (v: Uint8Array) => encryptNote({ note, viewingPublicKey: v, backend })
    await expect(encrypt(new Uint8Array(31))).rejects.toThrow(InvalidKeyError)
    await expect(encrypt(new Uint8Array(32))).rejects.toThrow(/low-order/)
  })

  it('returns null for another key', async () => {
    const data = await encryptNote({ note, viewingPublicKey: newViewingKey().publicKey, backend })
    expect(await tryDecryptNote({ data, viewingKey: newViewingKey(), backend })).toBeNull()
  })

  it('returns null for any tampered byte', async () => {
    const key = newViewingKey()
    const scanner = await createNoteScanner(key, { backend })
    const data = await encryptNote({ note, viewingPublicKey: key.publicKey, backend })
    for (const i of [0, 1, 2, 33, 34, 100, 162, 163, 178]) {
      const tampered = data.slice()
      tampered[i]! ^= 1
      expect(await scanner.tryDecrypt(tampered), `byte ${i}`).toBeNull()
    }
    expect(await scanner.tryDecrypt(data.slice(0, 178))).toBeNull()
    expect(await scanner.tryDecrypt(new Uint8Array([...data, 0]))).toBeNull()
    expect(await scanner.tryDecrypt(data)).toEqual(note)
  })

  it('returns null for a low-order ephemeral key', async () => {
    const scanner = await createNoteScanner(newViewingKey(), { backend })
    const data = new Uint8Array(179)
    data[0] = 2
    expect(await scanner.tryDecrypt(data)).toBeNull()
  })

  it('returns null for an authenticated but malformed plaintext', async () => {
    const key = newViewingKey()
    const scanner = await createNoteScanner(key, { backend })
    const memo = new TextEncoder().encode('hi')
    const cases = [
      plaintextOf(AMOUNT_LIMIT, 1n, memo),
      plaintextOf(1n, FIELD_SIZE, memo),
      plaintextOf(1n, 1n, memo, 65),
      plaintextOf(1n, 1n, memo, 1), // non-zero padding
      plaintextOf(1n, 1n, Uint8Array.of(0xff)), // not UTF-8
    ]
    for (const plaintext of cases) {
      expect(await scanner.tryDecrypt(await referenceSeal(plaintext, key.publicKey))).toBeNull()
    }
    const good = await referenceSeal(plaintextOf(1n, 1n, memo), key.publicKey)
    expect(await scanner.tryDecrypt(good)).toEqual({ amount: 1n, blinding: 1n, memo: 'hi' })
    const largest = await referenceSeal(plaintextOf(AMOUNT_LIMIT - 1n, 1n, memo), key.publicKey)
    expect((await scanner.tryDecrypt(largest))?.amount).toBe(AMOUNT_LIMIT - 1n)
  })

  it('returns null for a protocol v1 output (version byte 1)', async () => {
    const key = newViewingKey()
    const scanner = await createNoteScanner(key, { backend })
    const memo = new TextEncoder().encode('hi')
    const v1 = await referenceSeal(plaintextOf(1n, 1n, memo), key.publicKey, 1)
    expect(await scanner.tryDecrypt(v1)).toBeNull()
    const data = await encryptNote({ note, viewingPublicKey: key.publicKey, backend })
    data[0] = 1
    expect(await scanner.tryDecrypt(data)).toBeNull()
  })

  it('skips the AEAD when the view tag differs', async () => {
    const key = newViewingKey()
    const data = await encryptNote({ note, viewingPublicKey: key.publicKey, backend })
    const foreign = data.slice()
    foreign[1]! ^= 0x80
    const scanner = await createNoteScanner(key, { backend })
    const subtleDecrypt = vi.spyOn(crypto.subtle, 'decrypt')
    expect(await scanner.tryDecrypt(foreign)).toBeNull()
    expect(subtleDecrypt).not.toHaveBeenCalled()
    expect(await scanner.tryDecrypt(data)).toEqual(note)
    expect(subtleDecrypt).toHaveBeenCalledTimes(backend === 'webcrypto' ? 1 : 0)
  })

  it('scans many outputs in order', async () => {
    const key = newViewingKey()
    const scanner = await createNoteScanner(key, { backend })
    expect(scanner.backend).toBe(backend)
    const outputs = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        encryptNote({
          note: { amount: BigInt(i), blinding: 1n },
          viewingPublicKey: i % 7 === 3 ? key.publicKey : newViewingKey().publicKey,
          backend,
        }),
      ),
    )
    const found = await scanner.tryDecryptAll(outputs)
    expect(found).toHaveLength(40)
    found.forEach((plain, i) => {
      expect(plain === null ? null : plain.amount).toBe(i % 7 === 3 ? BigInt(i) : null)
    })
    expect(await scanner.tryDecryptAll([])).toEqual([])
  })

  it('refuses a viewing key whose halves do not match', async () => {
    const mixed = { privateKey: newViewingKey().privateKey, publicKey: newViewingKey().publicKey }
    await expect(createNoteScanner(mixed, { backend })).rejects.toThrow(InvalidKeyError)
    const short = { privateKey: new Uint8Array(31), publicKey: new Uint8Array(32) }
    await expect(createNoteScanner(short, { backend })).rejects.toThrow(InvalidKeyError)
  })
})
