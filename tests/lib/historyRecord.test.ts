import { gcm } from '@noble/ciphers/aes.js'
import { describe, expect, it } from 'vitest'
import { decodeAddress } from '../../lib/address.js'
import { InvalidAmountError, InvalidKeyError, InvalidNoteError } from '../../lib/errors.js'
import { bigIntToBytes, bytesToBigInt, FIELD_SIZE } from '../../lib/field.js'
import {
  ENCRYPTED_HISTORY_LENGTH,
  encryptHistory,
  HISTORY_VERSION,
  type HistoryRecord,
  tryDecryptHistory,
} from '../../lib/historyRecord.js'
import vectors from '../vectors/protocol.json'

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'))
const outgoingKey = hex(vectors.history.outgoingKey)
const randomKey = () => crypto.getRandomValues(new Uint8Array(32))
const recipient = vectors.recipient.address as `zkpay1${string}`
const account = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

const records: HistoryRecord[] = [
  { kind: 'pay', to: recipient, amount: 1_200_000n, memo: 'rent for march' },
  { kind: 'shield', from: account, amount: 5_000_000n, memo: '' },
  { kind: 'unshield', to: account, amount: (1n << 128n) - 1n, memo: 'out 🍜' },
  { kind: 'merge', amount: 0n, memo: 'x'.repeat(64) },
]

/** The spec's steps through other code paths: WebCrypto HKDF and noble's GCM. */
async function referenceSecrets(ovk: Uint8Array, firstNullifier: bigint) {
  const key = await crypto.subtle.importKey('raw', ovk.slice(), 'HKDF', false, ['deriveBits'])
  const params = {
    name: 'HKDF',
    hash: 'SHA-256',
    salt: bigIntToBytes(firstNullifier),
    info: new TextEncoder().encode('zkpay/v2/history'),
  }
  const okm = new Uint8Array(await crypto.subtle.deriveBits(params, key, 45 * 8))
  return { key: okm.slice(0, 32), iv: okm.slice(32, 44), viewTag: okm[44]! }
}

async function referenceSeal(plaintext: Uint8Array, ovk: Uint8Array, firstNullifier: bigint) {
  const s = await referenceSecrets(ovk, firstNullifier)
  return new Uint8Array([2, s.viewTag, ...gcm(s.key, s.iv).encrypt(plaintext)])
}

/** `kind || counterparty (65) || amount (16) || memoLength || memo (64)`. */
function plaintextOf(kind: number, counterparty: Uint8Array, amount: bigint, memo: Uint8Array) {
  const out = new Uint8Array(147)
  out[0] = kind
  out.set(counterparty, 1)
  out.set(bigIntToBytes(amount, 16), 66)
  out[82] = memo.length
  out.set(memo, 83)
  return out
}

describe('history record: protocol layout', () => {
  it('reproduces and opens the vectors with the reference steps', async () => {
    for (const v of vectors.history.records) {
      const firstNullifier = BigInt(v.firstNullifier)
      const data = hex(v.data)
      expect(data.length).toBe(165)
      expect(data[0]).toBe(2)
      const s = await referenceSecrets(outgoingKey, firstNullifier)
      expect(data[1]).toBe(s.viewTag)
      const plain = gcm(s.key, s.iv).decrypt(data.slice(2))
      expect(plain.length).toBe(147)
      expect(plain[0]).toBe({ pay: 1, shield: 2, unshield: 3, merge: 4 }[v.record.kind])
      expect(bytesToBigInt(plain.slice(66, 82)).toString()).toBe(v.record.amount)
      const memo = new TextEncoder().encode(v.record.memo)
      expect(plain[82]).toBe(memo.length)
      expect(plain.slice(83, 83 + memo.length)).toEqual(memo)
      expect(plain.slice(83 + memo.length).every((b) => b === 0)).toBe(true)
      const counterparty = plain.slice(1, 66)
      if (v.record.kind === 'pay') {
        const { ownerKey, viewingPublicKey } = decodeAddress(v.record.to!)
        expect(counterparty).toEqual(
          new Uint8Array([2, ...bigIntToBytes(ownerKey), ...viewingPublicKey]),
        )
      } else if (v.record.kind === 'merge') {
        expect(counterparty.every((b) => b === 0)).toBe(true)
      } else {
        const address = (v.record.kind === 'shield' ? v.record.from : v.record.to)!
        expect(counterparty.slice(0, 20)).toEqual(hex(address))
        expect(counterparty.slice(20).every((b) => b === 0)).toBe(true)
      }
      const record = { ...v.record, amount: BigInt(v.record.amount) } as HistoryRecord
      const again = await encryptHistory({ record, outgoingKey, firstNullifier })
      expect(Buffer.from(again).toString('hex')).toBe(v.data.slice(2))
    }
  })

  it('returns null for an authenticated but malformed plaintext', async () => {
    const n0 = 123n
    const open = async (plaintext: Uint8Array) =>
      tryDecryptHistory({
        data: await referenceSeal(plaintext, outgoingKey, n0),
        outgoingKey,
        firstNullifier: n0,
      })
    const memo = new TextEncoder().encode('hi')
    const none = new Uint8Array(65)
    const accountBytes = new Uint8Array(65)
    accountBytes.set(hex(account))
    expect(await open(plaintextOf(4, none, 7n, memo))).toEqual({
      kind: 'merge',
      amount: 7n,
      memo: 'hi',
    })
    expect(await open(plaintextOf(3, accountBytes, 7n, memo))).toEqual({
      kind: 'unshield',
      to: account,
      amount: 7n,
      memo: 'hi',
    })
    const cases = [
      plaintextOf(0, none, 7n, memo), // unknown kinds
      plaintextOf(5, none, 7n, memo),
      plaintextOf(4, accountBytes, 7n, memo), // a merge has no counterparty
      plaintextOf(2, new Uint8Array(65).fill(1), 7n, memo), // an account is 20 bytes
      plaintextOf(1, new Uint8Array([1, ...new Uint8Array(64)]), 7n, memo), // address version 1
      plaintextOf(
        1,
        new Uint8Array([2, ...bigIntToBytes(FIELD_SIZE), ...new Uint8Array(32)]),
        7n,
        memo,
      ),
      plaintextOf(4, none, 7n, Uint8Array.of(0xff)), // not UTF-8
      (() => {
        const p = plaintextOf(4, none, 7n, memo)
        p[82] = 65 // memo longer than 64
        return p
      })(),
      (() => {
        const p = plaintextOf(4, none, 7n, memo)
        p[82] = 1 // non-zero padding
        return p
      })(),
    ]
    for (const [i, plaintext] of cases.entries())
      expect(await open(plaintext), `case ${i}`).toBeNull()
  })
})

describe.each(['webcrypto', 'noble'] as const)('history record (%s)', (backend) => {
  it('round-trips each kind, always 165 bytes', async () => {
    expect(ENCRYPTED_HISTORY_LENGTH).toBe(165)
    expect(HISTORY_VERSION).toBe(2)
    for (const [i, record] of records.entries()) {
      const firstNullifier = BigInt(1000 + i)
      const data = await encryptHistory({ record, outgoingKey, firstNullifier, backend })
      expect(data.length, record.kind).toBe(ENCRYPTED_HISTORY_LENGTH)
      expect(data[0]).toBe(2)
      expect(await tryDecryptHistory({ data, outgoingKey, firstNullifier, backend })).toEqual(
        record,
      )
    }
    for (const memo of ['', 'a', 'ü'.repeat(32), '🍜'.repeat(16)]) {
      const data = await encryptHistory({
        record: { kind: 'merge', amount: 1n, memo },
        outgoingKey,
        firstNullifier: FIELD_SIZE - 1n,
        backend,
      })
      expect(data.length).toBe(165)
      const opened = await tryDecryptHistory({
        data,
        outgoingKey,
        firstNullifier: FIELD_SIZE - 1n,
        backend,
      })
      expect(opened?.memo).toBe(memo)
    }
  })

  it('returns null for a wrong outgoing key or a wrong N_0', async () => {
    const firstNullifier = 42n
    const data = await encryptHistory({ record: records[0]!, outgoingKey, firstNullifier, backend })
    // Many tries, so that some view tags collide and the AEAD itself refuses.
    for (let i = 0; i < 40; i++) {
      const other = { data, outgoingKey: randomKey(), firstNullifier, backend }
      expect(await tryDecryptHistory(other)).toBeNull()
      const moved = { data, outgoingKey, firstNullifier: firstNullifier + 1n + BigInt(i), backend }
      expect(await tryDecryptHistory(moved)).toBeNull()
    }
    expect(await tryDecryptHistory({ data, outgoingKey, firstNullifier, backend })).toEqual(
      records[0],
    )
  })

  it('gives every transaction its own ciphertext', async () => {
    const seal = (firstNullifier: bigint) =>
      encryptHistory({ record: records[1]!, outgoingKey, firstNullifier, backend })
    const [a, b] = [await seal(1n), await seal(2n)]
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false)
    // Deterministic for one (ovk, N_0): a wallet restoring its history gets the same bytes.
    expect(await seal(1n)).toEqual(a)
  })

  it('returns null for any tampered byte and any other length', async () => {
    const firstNullifier = 7n
    const data = await encryptHistory({ record: records[2]!, outgoingKey, firstNullifier, backend })
    for (const i of [0, 1, 2, 50, 100, 148, 149, 150, 164]) {
      const tampered = data.slice()
      tampered[i]! ^= 1
      const opened = await tryDecryptHistory({
        data: tampered,
        outgoingKey,
        firstNullifier,
        backend,
      })
      expect(opened, `byte ${i}`).toBeNull()
    }
    for (const wrong of [data.slice(0, 164), new Uint8Array([...data, 0]), new Uint8Array(0)]) {
      expect(
        await tryDecryptHistory({ data: wrong, outgoingKey, firstNullifier, backend }),
      ).toBeNull()
    }
    expect(await tryDecryptHistory({ data, outgoingKey, firstNullifier, backend })).toEqual(
      records[2],
    )
  })

  it('refuses a memo over 64 UTF-8 bytes, bad amounts and bad keys', async () => {
    const seal = (record: HistoryRecord, key = outgoingKey, firstNullifier = 1n) =>
      encryptHistory({ record, outgoingKey: key, firstNullifier, backend })
    const merge = { kind: 'merge', amount: 1n, memo: '' } as const
    await expect(seal({ ...merge, memo: 'x'.repeat(65) })).rejects.toThrow(InvalidNoteError)
    await expect(seal({ ...merge, memo: 'ü'.repeat(33) })).rejects.toThrow(/at most 64 bytes/)
    await expect(seal({ ...records[0]!, memo: '🍜'.repeat(17) })).rejects.toThrow(InvalidNoteError)
    await expect(seal({ ...merge, amount: 1n << 128n })).rejects.toThrow(InvalidAmountError)
    await expect(seal({ ...merge, amount: -1n })).rejects.toThrow(InvalidAmountError)
    await expect(seal(merge, new Uint8Array(31))).rejects.toThrow(InvalidKeyError)
    await expect(seal(merge, outgoingKey, FIELD_SIZE)).rejects.toThrow(InvalidNoteError)
  })
})
