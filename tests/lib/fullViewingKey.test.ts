import { bech32m } from '@scure/base'
import { describe, expect, it } from 'vitest'
import { InvalidKeyError } from '../../lib/errors.js'
import { bigIntToBytes, FIELD_SIZE } from '../../lib/field.js'
import {
  decodeFullViewingKey,
  encodeFullViewingKey,
  VIEWING_KEY_PREFIX,
  VIEWING_KEY_VERSION,
} from '../../lib/fullViewingKey.js'
import { encryptHistory, tryDecryptHistory } from '../../lib/historyRecord.js'
import { deriveKeys, generateMnemonic, viewKeysOf } from '../../lib/keys.js'
import { commitment, nullifier, outputRho } from '../../lib/note.js'
import { encryptNote, tryDecryptNote } from '../../lib/noteEncryption.js'
import vectors from '../vectors/protocol.json'

const keys = deriveKeys(vectors.keys.mnemonic)
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const payloadOf = (text: string) =>
  bech32m.fromWords(bech32m.decode(text as `${string}1${string}`, false).words)
const withPayload = (payload: Uint8Array, prefix = VIEWING_KEY_PREFIX) =>
  bech32m.encode(prefix, bech32m.toWords(payload), false)
const contains = (haystack: Uint8Array, needle: Uint8Array) =>
  Buffer.from(haystack).indexOf(Buffer.from(needle)) >= 0

describe('full viewing key', () => {
  const fvk = encodeFullViewingKey(keys)

  it('encodes version || nk || P || ivk || ovk as zkpayview1…, as in the vectors', () => {
    expect(fvk).toBe(vectors.keys.fullViewingKey)
    expect(fvk.startsWith('zkpayview1')).toBe(true)
    expect(VIEWING_KEY_VERSION).toBe(2)
    const payload = payloadOf(fvk)
    expect(payload).toEqual(
      new Uint8Array([
        2,
        ...bigIntToBytes(keys.nullifierKey),
        ...bigIntToBytes(keys.ownerKey),
        ...keys.viewingKey.privateKey,
        ...keys.outgoingKey,
      ]),
    )
  })

  it('round-trips', () => {
    expect(decodeFullViewingKey(fvk)).toEqual(viewKeysOf(keys))
    expect(decodeFullViewingKey(` ${fvk.toUpperCase()}\n`)).toEqual(viewKeysOf(keys))
    const other = deriveKeys(generateMnemonic())
    const decoded = decodeFullViewingKey(encodeFullViewingKey(other))
    expect(decoded).toEqual(viewKeysOf(other))
    expect(encodeFullViewingKey(decoded)).toBe(encodeFullViewingKey(other))
  })

  it('refuses every mistyped character with InvalidKeyError', () => {
    for (let i = 0; i < fvk.length; i++) {
      // One wrong character at every position (the next one in the alphabet).
      const c = CHARSET[(CHARSET.indexOf(fvk[i]!) + 1) % 32]!
      const typo = fvk.slice(0, i) + c + fvk.slice(i + 1)
      expect(() => decodeFullViewingKey(typo), `position ${i}`).toThrow(InvalidKeyError)
    }
    // Every wrong character at a few positions.
    for (const i of [10, 100, fvk.length - 1]) {
      for (const c of CHARSET) {
        if (c === fvk[i]) continue
        const typo = fvk.slice(0, i) + c + fvk.slice(i + 1)
        expect(() => decodeFullViewingKey(typo)).toThrow(/checksum/)
      }
    }
    const swapped = `${fvk.slice(0, 20)}${fvk[21]}${fvk[20]}${fvk.slice(22)}`
    if (swapped !== fvk) expect(() => decodeFullViewingKey(swapped)).toThrow(InvalidKeyError)
  })

  it.each([
    ['an address', vectors.keys.address, /zkpayview1/],
    [
      'another prefix',
      withPayload(payloadOf(vectors.keys.fullViewingKey), 'zkpayviex'),
      /zkpayview1/,
    ],
    ['a truncated key', vectors.keys.fullViewingKey.slice(0, -1), /checksum/],
    ['a short payload', withPayload(new Uint8Array(128).fill(2)), /length/],
    ['a long payload', withPayload(new Uint8Array(130).fill(2)), /length/],
    [
      'version 1',
      withPayload(new Uint8Array([1, ...payloadOf(vectors.keys.fullViewingKey).slice(1)])),
      /version 1/,
    ],
    [
      'a nullifier key of 0',
      withPayload(new Uint8Array([2, ...new Uint8Array(32), ...new Uint8Array(96).fill(1)])),
      /field/,
    ],
    [
      'a nullifier key >= p',
      withPayload(new Uint8Array([2, ...bigIntToBytes(FIELD_SIZE), ...new Uint8Array(96).fill(1)])),
      /field/,
    ],
    [
      'an owner key >= p',
      withPayload(
        new Uint8Array([
          2,
          ...bigIntToBytes(1n),
          ...bigIntToBytes(FIELD_SIZE),
          ...new Uint8Array(64).fill(1),
        ]),
      ),
      /field/,
    ],
  ])('refuses %s', (_, text, message) => {
    expect(() => decodeFullViewingKey(text)).toThrow(InvalidKeyError)
    expect(() => decodeFullViewingKey(text)).toThrow(message)
  })

  it('refuses what is not a string', () => {
    expect(() => decodeFullViewingKey(42 as unknown as string)).toThrow(InvalidKeyError)
  })

  it('holds no spending key, yet sees what the wallet sees', async () => {
    const view = decodeFullViewingKey(fvk)
    expect(view).not.toHaveProperty('spendingKey')
    expect(view).not.toHaveProperty('account')
    expect(Object.keys(view).sort()).toEqual([
      'nullifierKey',
      'outgoingKey',
      'ownerKey',
      'viewingKey',
    ])
    expect(contains(payloadOf(fvk), bigIntToBytes(keys.spendingKey))).toBe(false)
    // Encoding the whole wallet (spending key included) writes the same string.
    expect(encodeFullViewingKey(keys)).toBe(encodeFullViewingKey(view))

    // Its nullifiers are the wallet's, so it sees the wallet's notes spent.
    for (let i = 0n; i < 5n; i++) {
      const c = commitment({
        amount: 10n + i,
        ownerKey: view.ownerKey,
        blinding: 77n + i,
        rho: outputRho(1000n + i, 0),
      })
      expect(nullifier({ commitment: c, nullifierKey: view.nullifierKey })).toBe(
        nullifier({ commitment: c, nullifierKey: keys.nullifierKey }),
      )
    }
    expect(view.nullifierKey).toBe(keys.nullifierKey)
    expect(view.ownerKey).toBe(keys.ownerKey)

    // It opens notes sent to the wallet's address, and the wallet's own history.
    const data = await encryptNote({
      note: { amount: 5n, blinding: 6n, memo: 'hi' },
      viewingPublicKey: keys.viewingKey.publicKey,
    })
    expect(await tryDecryptNote({ data, viewingKey: view.viewingKey })).toEqual({
      amount: 5n,
      blinding: 6n,
      memo: 'hi',
    })
    const record = { kind: 'merge', amount: 9n, memo: '' } as const
    const history = await encryptHistory({
      record,
      outgoingKey: keys.outgoingKey,
      firstNullifier: 5n,
    })
    expect(
      await tryDecryptHistory({ data: history, outgoingKey: view.outgoingKey, firstNullifier: 5n }),
    ).toEqual(record)
  })
})
