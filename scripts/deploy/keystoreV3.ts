/**
 * Opens an Ethereum "Web3 Secret Storage" (version 3) keystore file, the
 * format geth, Foundry (`cast wallet new`) and most wallets export: the key is
 * derived from the password with scrypt or PBKDF2-SHA256, checked with
 * `keccak256(dk[16..32] || ciphertext)` and decrypted with AES-128-CTR. Built
 * from noble's primitives; nothing here is new cryptography.
 */
import { ctr } from '@noble/ciphers/aes.js'
import { equalBytes } from '@noble/ciphers/utils.js'
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js'
import { scryptAsync } from '@noble/hashes/scrypt.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { z } from 'zod'

/** A keystore that cannot be opened: malformed, or the wrong password. */
export class KeystoreFileError extends Error {
  override name = 'KeystoreFileError'
}

const hex = (bytes?: number) =>
  z
    .string()
    .regex(bytes ? new RegExp(`^(0x)?[0-9a-fA-F]{${bytes * 2}}$`) : /^(0x)?([0-9a-fA-F]{2})+$/)
    .transform((s) => hexToBytes(s.replace(/^0x/, '')))

const keystoreSchema = z.object({
  version: z.literal(3),
  crypto: z.object({
    cipher: z.literal('aes-128-ctr'),
    cipherparams: z.object({ iv: hex(16) }),
    ciphertext: hex(32),
    mac: hex(32),
    kdf: z.enum(['scrypt', 'pbkdf2']),
    kdfparams: z.union([
      z.object({
        n: z
          .number()
          .int()
          .min(2)
          .max(2 ** 22),
        r: z.number().int().min(1).max(64),
        p: z.number().int().min(1).max(16),
        dklen: z.literal(32),
        salt: hex(),
      }),
      z.object({
        c: z.number().int().min(1).max(10_000_000),
        prf: z.literal('hmac-sha256'),
        dklen: z.literal(32),
        salt: hex(),
      }),
    ]),
  }),
})

/** The 32-byte private key in `json` (a keystore file's text), as `0x…` hex. */
export async function decryptKeystoreV3(json: string, password: string): Promise<`0x${string}`> {
  let parsed: z.infer<typeof keystoreSchema>
  try {
    // Some tools write `Crypto` for `crypto`.
    const raw = JSON.parse(json) as Record<string, unknown>
    parsed = keystoreSchema.parse({ ...raw, crypto: raw.crypto ?? raw.Crypto })
  } catch {
    throw new KeystoreFileError(
      'The keystore is not a version-3 keystore (aes-128-ctr, scrypt or pbkdf2).',
    )
  }
  const { kdfparams, ciphertext, mac, cipherparams } = parsed.crypto
  const pass = new TextEncoder().encode(password.normalize('NFKD'))
  const dk =
    'n' in kdfparams
      ? await scryptAsync(pass, kdfparams.salt, {
          N: kdfparams.n,
          r: kdfparams.r,
          p: kdfparams.p,
          dkLen: 32,
          maxmem: 2 ** 31,
        })
      : await pbkdf2Async(sha256, pass, kdfparams.salt, { c: kdfparams.c, dkLen: 32 })
  const expected = keccak_256(new Uint8Array([...dk.subarray(16, 32), ...ciphertext]))
  if (!equalBytes(expected, mac)) throw new KeystoreFileError('Wrong keystore password.')
  const key = ctr(dk.subarray(0, 16), cipherparams.iv).decrypt(ciphertext)
  dk.fill(0)
  return `0x${bytesToHex(key)}`
}
