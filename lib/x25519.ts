import { x25519 } from '@noble/curves/ed25519.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { InvalidKeyError } from './errors.js'

/**
 * Where the asymmetric and AEAD work runs: the platform's native WebCrypto
 * (fast, constant-time) or the audited pure-JS noble code (everywhere).
 */
export type CryptoBackend = 'webcrypto' | 'noble'

/** An X25519 private key ready for repeated key agreements. */
export type X25519PrivateKey = {
  /** `X25519(privateKey, publicKey)`; rejects for a low-order `publicKey` (all-zero secret). */
  sharedSecret(publicKey: Uint8Array): Promise<Uint8Array>
}

const X25519 = { name: 'X25519' }
// PKCS#8 PrivateKeyInfo header for an X25519 key (RFC 8410); the 32-byte key follows.
const PKCS8_PREFIX = hexToBytes('302e020100300506032b656e04220420')
// RFC 7748 section 6.1 known-answer test.
const KAT_PRIVATE = hexToBytes('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a')
const KAT_PUBLIC = hexToBytes('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f')
const KAT_SHARED = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742'
const BASE_POINT = hexToBytes(`09${'00'.repeat(31)}`)

let detected: Promise<CryptoBackend> | undefined

/**
 * The X25519 backend of this runtime, detected once: WebCrypto when it passes
 * the RFC 7748 known-answer test (Node 20, Chrome 133+, Firefox 130+,
 * Safari 17+), noble otherwise.
 */
export function detectX25519Backend(): Promise<CryptoBackend> {
  detected ??= (async (): Promise<CryptoBackend> => {
    try {
      const key = await importWebCrypto(KAT_PRIVATE)
      const shared = await key.sharedSecret(KAT_PUBLIC)
      return bytesToHex(shared) === KAT_SHARED ? 'webcrypto' : 'noble'
    } catch {
      return 'noble'
    }
  })()
  return detected
}

/**
 * Imports a 32-byte X25519 private key once, for many agreements. Uses the
 * detected backend unless `backend` forces one (tests, benchmarks).
 */
export async function importX25519PrivateKey(
  privateKey: Uint8Array,
  backend?: CryptoBackend,
): Promise<X25519PrivateKey> {
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== 32) {
    throw new InvalidKeyError('An X25519 private key must be 32 bytes.')
  }
  if ((backend ?? (await detectX25519Backend())) === 'noble') {
    const secret = privateKey.slice()
    return { sharedSecret: async (publicKey) => x25519.getSharedSecret(secret, publicKey) }
  }
  return importWebCrypto(privateKey)
}

/**
 * The X25519 public key of `privateKey`, computed as `X25519(privateKey, 9)`
 * so that WebCrypto needs neither an extractable key nor a JWK round trip.
 */
export async function getX25519PublicKey(
  privateKey: Uint8Array,
  backend?: CryptoBackend,
): Promise<Uint8Array> {
  if ((backend ?? (await detectX25519Backend())) === 'noble') return x25519.getPublicKey(privateKey)
  const key = await importX25519PrivateKey(privateKey, 'webcrypto')
  return key.sharedSecret(BASE_POINT)
}

async function importWebCrypto(privateKey: Uint8Array): Promise<X25519PrivateKey> {
  const subtle = globalThis.crypto?.subtle
  if (!subtle) throw new InvalidKeyError('WebCrypto is not available.')
  const pkcs8 = new Uint8Array(PKCS8_PREFIX.length + 32)
  pkcs8.set(PKCS8_PREFIX)
  pkcs8.set(privateKey, PKCS8_PREFIX.length)
  const key = await subtle.importKey('pkcs8', pkcs8, X25519, false, ['deriveBits'])
  pkcs8.fill(0)
  return {
    async sharedSecret(publicKey) {
      if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
        throw new InvalidKeyError('An X25519 public key must be 32 bytes.')
      }
      const peer = await subtle.importKey('raw', publicKey.slice(), X25519, true, [])
      return new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: peer }, key, 256))
    },
  }
}
