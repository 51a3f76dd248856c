import { base64 } from '@scure/base'
import { bytesToHex } from 'viem'
import { encodeAddress, type ShieldedAddress } from '../lib/address.js'
import { aesGcmDecrypt } from '../lib/aesGcm.js'
import {
  WalletExistsError,
  WalletLockedError,
  WalletNotFoundError,
  WrongPasswordError,
} from '../lib/errors.js'
import { deriveKeys, generateMnemonic, type Keys, validateMnemonic } from '../lib/keys.js'
import { encryptSecret } from '../lib/keystore/encryptSecret.js'
import {
  deriveKeystoreKey,
  type KeystoreBlob,
  parseKeystoreBlob,
  type ScryptParameters,
} from '../lib/keystore/keystore.js'
import { alarmNames } from './config.js'
import type { WalletDb } from './db.js'
import type { Settings } from './messages.js'

/** `browser.storage.session`, as far as the keystore uses it (access level TRUSTED_CONTEXTS). */
export type SessionStorage = {
  get(key: string): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
  remove(key: string): Promise<void>
}

/** `browser.alarms`, as far as the keystore uses it. */
export type AlarmScheduler = {
  create(name: string, info: { when: number }): unknown
  clear(name: string): unknown
}

export type CreateKeystoreParameters = {
  db: WalletDb
  session: SessionStorage
  alarms: AlarmScheduler
  settings: { get(): Promise<Settings> }
  now?: () => number
  /** Scrypt cost for new keystores (tests lower it); default: lib's. */
  scrypt?: Partial<ScryptParameters>
  /** Called after every unlock (also a restored one) and lock. */
  onChange?: (unlocked: boolean) => void
}

/** The session entries: the AES key the password derived, and when the user was last active. */
const SESSION_KEY = 'zkpay.keystoreKey'
const SESSION_ACTIVE = 'zkpay.lastActive'
/** Activity closer together than this does not move the auto-lock alarm. */
const TOUCH_EVERY_MS = 5_000

/**
 * The wallet's keys: a mnemonic sealed under the password in IndexedDB
 * (`lib/keystore`: scrypt → AES-256-GCM), opened into `Keys` in memory while
 * unlocked. The AES key the password derived sits in `storage.session` so a
 * restarted service worker opens the keystore again without the password;
 * the session area is memory-only and cleared with the browser. The mnemonic
 * leaves only through `revealPhrase`, after the password again.
 */
export function createKeystore(params: CreateKeystoreParameters) {
  const { db, session, alarms, settings } = params
  const now = params.now ?? Date.now
  let unlocked: { keys: Keys; address: ShieldedAddress } | undefined
  let lastActive = 0
  let restoring: Promise<boolean> | undefined

  async function readBlob(): Promise<KeystoreBlob> {
    const row = await db.keystore.get('main')
    if (!row) throw new WalletNotFoundError('There is no wallet yet: create or import one.')
    return row.blob
  }

  async function openWithKey(blob: KeystoreBlob, key: Uint8Array): Promise<string | null> {
    const { iv, ciphertext } = parseKeystoreBlob(blob)
    const plaintext = await aesGcmDecrypt({ key, iv, ciphertext })
    if (!plaintext) return null
    try {
      return new TextDecoder().decode(plaintext)
    } finally {
      plaintext.fill(0)
    }
  }

  /** Derives the key from `password` and opens the keystore; a wrong password throws. */
  async function open(password: string): Promise<{ mnemonic: string; key: Uint8Array }> {
    const blob = await readBlob()
    const { parameters, salt } = parseKeystoreBlob(blob)
    const key = await deriveKeystoreKey(password, salt, parameters)
    const mnemonic = await openWithKey(blob, key)
    if (mnemonic === null) {
      key.fill(0)
      throw new WrongPasswordError('Wrong password.')
    }
    return { mnemonic, key }
  }

  async function autoLockMs() {
    return (await settings.get()).autoLockMinutes * 60_000
  }

  async function scheduleAutoLock() {
    await alarms.create(alarmNames.autoLock, { when: lastActive + (await autoLockMs()) })
  }

  async function enter(mnemonic: string, key: Uint8Array) {
    const keys = deriveKeys(mnemonic)
    const address = encodeAddress({
      ownerKey: keys.ownerKey,
      viewingPublicKey: keys.viewingKey.publicKey,
    })
    lastActive = now()
    await session.set({ [SESSION_KEY]: base64.encode(key), [SESSION_ACTIVE]: lastActive })
    key.fill(0)
    unlocked = { keys, address }
    await scheduleAutoLock()
    params.onChange?.(true)
    return { address }
  }

  /** Seals `mnemonic` as the wallet, dropping any earlier wallet's notes, history and sites. */
  async function store(mnemonic: string, password: string) {
    if (await db.keystore.get('main'))
      throw new WalletExistsError('A wallet exists already in this browser.')
    const blob = await encryptSecret({
      secret: mnemonic,
      password,
      ...(params.scrypt ? { scrypt: params.scrypt } : {}),
    })
    const tables = [
      db.keystore,
      db.notes,
      db.leaves,
      db.syncCursors,
      db.activity,
      db.pendingWork,
      db.sites,
      db.siteRequests,
    ]
    await db.transaction('rw', tables, async () => {
      for (const table of tables) await table.clear()
      await db.keystore.put({ id: 'main', blob, createdAt: now() })
    })
    return enter(mnemonic, await open(password).then(({ key }) => key))
  }

  async function lock() {
    unlocked = undefined
    restoring = undefined
    await session.remove(SESSION_KEY)
    await session.remove(SESSION_ACTIVE)
    await alarms.clear(alarmNames.autoLock)
    params.onChange?.(false)
  }

  async function restoreFromSession(): Promise<boolean> {
    const entry = await session.get(SESSION_KEY)
    const active = (await session.get(SESSION_ACTIVE))[SESSION_ACTIVE]
    const encoded = entry[SESSION_KEY]
    if (typeof encoded !== 'string') return false
    const row = await db.keystore.get('main')
    const stale = typeof active !== 'number' || now() - active >= (await autoLockMs())
    const mnemonic = row && !stale ? await openWithKey(row.blob, base64.decode(encoded)) : null
    if (!mnemonic || typeof active !== 'number') {
      await lock()
      return false
    }
    const keys = deriveKeys(mnemonic)
    unlocked = {
      keys,
      address: encodeAddress({
        ownerKey: keys.ownerKey,
        viewingPublicKey: keys.viewingKey.publicKey,
      }),
    }
    lastActive = active
    await scheduleAutoLock()
    params.onChange?.(true)
    return true
  }

  return {
    async hasWallet(): Promise<boolean> {
      return (await db.keystore.count()) > 0
    },
    isUnlocked: () => unlocked !== undefined,
    /** The keys while unlocked; throws a `WalletLockedError` otherwise. */
    keys(): Keys {
      if (!unlocked) throw new WalletLockedError('The wallet is locked: unlock it first.')
      return unlocked.keys
    },
    address: () => unlocked?.address,

    /** A new wallet: returns its phrase this once. */
    async create(password: string): Promise<{ mnemonic: string }> {
      const mnemonic = generateMnemonic()
      await store(mnemonic, password)
      return { mnemonic }
    },
    /** A wallet from an existing phrase (checked first). */
    async import(mnemonic: string, password: string): Promise<{ address: string }> {
      return store(validateMnemonic(mnemonic), password)
    },
    async unlock(password: string): Promise<{ address: string }> {
      const { mnemonic, key } = await open(password)
      return enter(mnemonic, key)
    },
    lock,
    /**
     * After a service-worker restart: unlocks again from the session's key
     * unless the wallet sat idle past the auto-lock. Returns whether it is unlocked.
     */
    restore(): Promise<boolean> {
      if (unlocked) return Promise.resolve(true)
      restoring ??= restoreFromSession().finally(() => {
        restoring = undefined
      })
      return restoring
    },
    /** The user did something: the auto-lock starts counting again. */
    async touch(): Promise<void> {
      if (!unlocked || now() - lastActive < TOUCH_EVERY_MS) return
      lastActive = now()
      await session.set({ [SESSION_ACTIVE]: lastActive })
      await scheduleAutoLock()
    },
    /** Moves the auto-lock alarm after a change of `autoLockMinutes`. */
    async rescheduleAutoLock(): Promise<void> {
      if (unlocked) await scheduleAutoLock()
    },
    /** The auto-lock alarm rang: locks if the wallet has been idle long enough. */
    async onAutoLockAlarm(): Promise<void> {
      if (!unlocked) return
      if (now() >= lastActive + (await autoLockMs()) - 1_000) await lock()
      else await scheduleAutoLock()
    },
    /** The recovery phrase, after the password. */
    async revealPhrase(password: string): Promise<{ mnemonic: string }> {
      const { mnemonic, key } = await open(password)
      key.fill(0)
      return { mnemonic }
    },
    /** The X25519 viewing private key (hex): lets its holder see incoming notes, not spend them. */
    async exportViewingKey(password: string): Promise<{ viewingKey: string }> {
      const { mnemonic, key } = await open(password)
      key.fill(0)
      return { viewingKey: bytesToHex(deriveKeys(mnemonic).viewingKey.privateKey) }
    },
  }
}

export type Keystore = ReturnType<typeof createKeystore>
