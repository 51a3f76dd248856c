import { describe, expect, it } from 'vitest'
import { decryptKeystoreV3, KeystoreFileError } from '../../scripts/deploy/keystoreV3.js'

// The PBKDF2 test vector of the Web3 Secret Storage definition (password "testpassword").
const vector = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '6087dab2f9fdbbfaddc31a909735c1e6' },
    ciphertext: '5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46',
    kdf: 'pbkdf2',
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: 'hmac-sha256',
      salt: 'ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd',
    },
    mac: '517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
}

describe('version-3 keystore files', () => {
  it('opens the specification vector, and refuses a wrong password and a malformed file', async () => {
    const json = JSON.stringify(vector)
    expect(await decryptKeystoreV3(json, 'testpassword')).toBe(
      '0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d',
    )
    await expect(decryptKeystoreV3(json, 'testpassworD')).rejects.toThrow(/Wrong keystore password/)
    const tampered = JSON.stringify({
      ...vector,
      crypto: { ...vector.crypto, ciphertext: `6${vector.crypto.ciphertext.slice(1)}` },
    })
    await expect(decryptKeystoreV3(tampered, 'testpassword')).rejects.toThrow(KeystoreFileError)
    await expect(decryptKeystoreV3('{"version":1}', 'x')).rejects.toThrow(/not a version-3/)
    await expect(decryptKeystoreV3('not json', 'x')).rejects.toThrow(KeystoreFileError)
  })
})
