import { base64 } from '@scure/base'
import { describe, expect, it } from 'vitest'
import { InvalidKeystoreError, WrongPasswordError } from '../../lib/errors.js'
import { decryptSecret } from '../../lib/keystore/decryptSecret.js'
import { encryptSecret } from '../../lib/keystore/encryptSecret.js'
import {
  defaultScryptParameters,
  deriveKeystoreKey,
  type KeystoreBlob,
} from '../../lib/keystore/keystore.js'

const secret = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
const password = 'correct horse battery'
/** Low cost for speed; the parameters travel in the blob. */
const scrypt = { N: 1024 }

describe('keystore', () => {
  it('round-trips a secret through a versioned, JSON-serializable blob', async () => {
    const blob = await encryptSecret({ secret, password, scrypt })
    expect(blob).toMatchObject({
      version: 1,
      kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 },
      cipher: { name: 'aes-256-gcm' },
    })
    expect(base64.decode(blob.kdf.salt)).toHaveLength(32)
    expect(base64.decode(blob.cipher.iv)).toHaveLength(12)
    expect(base64.decode(blob.ciphertext)).toHaveLength(secret.length + 16)
    const stored = JSON.parse(JSON.stringify(blob))
    expect(await decryptSecret({ blob: stored, password })).toBe(secret)
  })

  it('defaults to scrypt N=2^17, r=8, p=1', () => {
    expect(defaultScryptParameters).toEqual({ N: 2 ** 17, r: 8, p: 1 })
  })

  it('draws a fresh salt and IV each time', async () => {
    const [a, b] = await Promise.all([
      encryptSecret({ secret, password, scrypt }),
      encryptSecret({ secret, password, scrypt }),
    ])
    expect(a.kdf.salt).not.toBe(b.kdf.salt)
    expect(a.cipher.iv).not.toBe(b.cipher.iv)
    expect(a.ciphertext).not.toBe(b.ciphertext)
  })

  it('throws WrongPasswordError for a wrong password or an altered ciphertext', async () => {
    const blob = await encryptSecret({ secret, password, scrypt })
    const wrong = decryptSecret({ blob, password: 'correct horse batterY' })
    await expect(wrong).rejects.toBeInstanceOf(WrongPasswordError)
    await expect(wrong).rejects.toMatchObject({ code: 'wrong_password' })
    const bytes = base64.decode(blob.ciphertext)
    bytes[0]! ^= 1
    const altered = { ...blob, ciphertext: base64.encode(bytes) }
    await expect(decryptSecret({ blob: altered, password })).rejects.toBeInstanceOf(
      WrongPasswordError,
    )
    // The KDF parameters are bound too: other ones derive another key.
    const cheaper = { ...blob, kdf: { ...blob.kdf, N: 512 } }
    await expect(decryptSecret({ blob: cheaper, password })).rejects.toBeInstanceOf(
      WrongPasswordError,
    )
  })

  it('opens with the same password typed in another Unicode normal form', async () => {
    const blob = await encryptSecret({ secret, password: 'caf\u00e9 au lait', scrypt })
    expect(await decryptSecret({ blob, password: 'cafe\u0301 au lait' })).toBe(secret)
  })

  it('matches scrypt test vector 2 of RFC 7914 for the key derivation', async () => {
    const key = await deriveKeystoreKey('password', new TextEncoder().encode('NaCl'), {
      N: 1024,
      r: 8,
      p: 16,
    })
    expect(Buffer.from(key).toString('hex')).toBe(
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162',
    )
  })

  it('refuses malformed blobs and unsafe parameters before any work', async () => {
    const blob = await encryptSecret({ secret, password, scrypt })
    const cases: [unknown, RegExp][] = [
      [null, /not a JSON object/],
      [{ ...blob, version: 2 }, /version 2/],
      [{ ...blob, kdf: { ...blob.kdf, name: 'pbkdf2' } }, /scrypt/],
      [{ ...blob, cipher: { name: 'aes-128-cbc', iv: blob.cipher.iv } }, /AES-256-GCM/],
      [{ ...blob, kdf: { ...blob.kdf, N: 1000 } }, /power of two/],
      [{ ...blob, kdf: { ...blob.kdf, N: 2 ** 30 } }, /power of two/],
      [{ ...blob, kdf: { ...blob.kdf, r: 0 } }, /r must be/],
      [{ ...blob, kdf: { ...blob.kdf, N: 2 ** 20, r: 16, p: 1 } }, /too much work/],
      [{ ...blob, cipher: { ...blob.cipher, iv: 'AAAA' } }, /IV is not 12 bytes/],
      [{ ...blob, ciphertext: '***' } as KeystoreBlob, /not base64/],
    ]
    for (const [bad, message] of cases) {
      const opened = decryptSecret({ blob: bad, password })
      await expect(opened).rejects.toBeInstanceOf(InvalidKeystoreError)
      await expect(opened).rejects.toThrow(message)
    }
    await expect(encryptSecret({ secret, password, scrypt: { N: 3 } })).rejects.toBeInstanceOf(
      InvalidKeystoreError,
    )
  })
})
