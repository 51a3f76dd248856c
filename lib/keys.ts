import { x25519 } from '@noble/curves/ed25519.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import {
  generateMnemonic as generateBip39Mnemonic,
  validateMnemonic as isBip39Mnemonic,
  mnemonicToSeedSync,
} from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import { type HDAccount, HDKey, hdKeyToAccount } from 'viem/accounts'
import { InvalidMnemonicError } from './errors.js'
import { bytesToBigInt, FIELD_SIZE } from './field.js'
import { hash2 } from './poseidon.js'

/** The X25519 key pair that finds and decrypts incoming notes. */
export type ViewingKey = {
  /** The 32-byte X25519 private key (unclamped HKDF output, as in the protocol). */
  privateKey: Uint8Array
  /** `V`, the 32-byte X25519 public key published in the shielded address. */
  publicKey: Uint8Array
}

/**
 * What a full viewing key holds: everything but the spending key. It finds
 * every note sent to the wallet, computes their nullifiers (so it sees them
 * spent) and opens the wallet's own history records, but cannot spend.
 */
export type ViewKeys = {
  /** `nk` in `[1, p)`: keys the nullifiers `N = H2(nk, C)`. */
  nullifierKey: bigint
  /** `P = H2(sk, nk)`: the owner field of the notes this wallet holds. */
  ownerKey: bigint
  viewingKey: ViewingKey
  /** `ovk`, 32 bytes: opens the history record of each transaction this wallet sent. */
  outgoingKey: Uint8Array
}

/** Every key of a wallet, derived from its one mnemonic. */
export type Keys = ViewKeys & {
  /** `sk` in `[1, p)`: the spending authority, known only to the prover. */
  spendingKey: bigint
  /**
   * The public BIP-44 account `m/44'/60'/0'/0/0`, the same one other wallets
   * derive from this mnemonic. Derived on first access.
   */
  readonly account: HDAccount
}

const SALT = utf8ToBytes('zkpay')
const SPENDING_INFO = utf8ToBytes('zkpay/v2/spending-key')
const NULLIFIER_INFO = utf8ToBytes('zkpay/v2/nullifier-key')
const VIEWING_INFO = utf8ToBytes('zkpay/v2/viewing-key')
const OUTGOING_INFO = utf8ToBytes('zkpay/v2/outgoing-key')
const WORD_COUNTS = [12, 15, 18, 21, 24]

function fieldKey(seed: Uint8Array, info: Uint8Array): bigint {
  return 1n + (bytesToBigInt(hkdf(sha256, seed, SALT, info, 64)) % (FIELD_SIZE - 1n))
}

/**
 * Derives the spending, nullifier, viewing, outgoing and public-account keys
 * of a mnemonic as in protocol v2. The phrase is normalized first (see
 * {@link validateMnemonic}); an invalid phrase throws an
 * {@link InvalidMnemonicError}.
 */
export function deriveKeys(mnemonic: string): Keys {
  const seed = mnemonicToSeedSync(validateMnemonic(mnemonic), '')
  const spendingKey = fieldKey(seed, SPENDING_INFO)
  const nullifierKey = fieldKey(seed, NULLIFIER_INFO)
  const privateKey = hkdf(sha256, seed, SALT, VIEWING_INFO, 32)
  // The secp256k1 BIP-32 walk costs more than everything above together and
  // the shielded side never needs it, so it waits until someone asks.
  let account: HDAccount | undefined
  return {
    spendingKey,
    nullifierKey,
    ownerKey: hash2(spendingKey, nullifierKey),
    viewingKey: { privateKey, publicKey: x25519.getPublicKey(privateKey) },
    outgoingKey: hkdf(sha256, seed, SALT, OUTGOING_INFO, 32),
    get account() {
      account ??= hdKeyToAccount(HDKey.fromMasterSeed(seed))
      return account
    },
  }
}

/** The viewing part of `keys`, without the spending key or the account. */
export function viewKeysOf(keys: ViewKeys): ViewKeys {
  return {
    nullifierKey: keys.nullifierKey,
    ownerKey: keys.ownerKey,
    viewingKey: keys.viewingKey,
    outgoingKey: keys.outgoingKey,
  }
}

/**
 * A new 12-word English BIP-39 mnemonic (128 bits of entropy); pass
 * `strength: 256` for 24 words.
 */
export function generateMnemonic({ strength = 128 }: { strength?: 128 | 256 } = {}): string {
  return generateBip39Mnemonic(wordlist, strength)
}

/**
 * Checks an English BIP-39 mnemonic and returns it normalized (lowercase,
 * single spaces, trimmed), the form whose seed every other wallet derives.
 * Throws an {@link InvalidMnemonicError} saying what is wrong: word count,
 * unknown words or checksum.
 */
export function validateMnemonic(mnemonic: string): string {
  if (typeof mnemonic !== 'string') throw new InvalidMnemonicError()
  const words = mnemonic.normalize('NFKD').trim().toLowerCase().split(/\s+/)
  if (!WORD_COUNTS.includes(words.length)) {
    throw new InvalidMnemonicError(
      `A recovery phrase has 12, 15, 18, 21 or 24 words, not ${mnemonic.trim() === '' ? 0 : words.length}.`,
    )
  }
  const unknown = words.filter((word) => !wordlist.includes(word))
  if (unknown.length > 0) {
    throw new InvalidMnemonicError(
      `${unknown.length === 1 ? 'This word is' : 'These words are'} not in the BIP-39 English list: ${unknown.join(', ')}.`,
    )
  }
  const normalized = words.join(' ')
  if (!isBip39Mnemonic(normalized, wordlist)) {
    throw new InvalidMnemonicError(
      'The recovery phrase checksum does not match: a word is probably wrong or out of order.',
    )
  }
  return normalized
}
