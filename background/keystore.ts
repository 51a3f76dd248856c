import { base64 } from '@scure/base'
import { encodeAddress, type ShieldedAddress } from '../lib/address.js'
import { aesGcmDecrypt } from '../lib/aesGcm.js'
import {
  ViewOnlyError,
  WalletExistsError,
  WalletLockedError,
  WalletNotFoundError,
  WrongPasswordError,
} from '../lib/errors.js'
import {
  decodeFullViewingKey,
  encodeFullViewingKey,
  VIEWING_KEY_PREFIX,
} from '../lib/fullViewingKey.js'
import {
  deriveKeys,
  generateMnemonic,
  type Keys,
  type ViewKeys,
  validateMnemonic,
} from '../lib/keys.js'
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
  /** The chain's head, recorded as a new wallet's birthday (undefined: unknown). */
  headBlock?: () => Promise<bigint | undefined>
}

/** The session entries: the AES key the password derived, and when the user was last active. */
const SESSION_KEY = 'zkpay.keystoreKey'
const SESSION_ACTIVE = 'zkpay.lastActive'
/** Activity closer together than this does not move the auto-lock alarm. */
const TOUCH_EVERY_MS = 5_000

/** What an open keystore holds: a phrase's full keys, or a viewing key's (watch-only). */
type OpenWallet =
  | { viewOnly: false; keys: Keys; address: ShieldedAddress }
  | { viewOnly: true; keys: ViewKeys; address: ShieldedAddress }

const isViewingKey = (secret: string) => secret.startsWith(`${VIEWING_KEY_PREFIX}1`)

/** A sealed secret is a phrase or, for a watched wallet, a `zkpayview1…` key. */
function openSecret(secret: string): OpenWallet {
  const viewOnly = isViewingKey(secret)
  const keys = viewOnly ? decodeFullViewingKey(secret) : deriveKeys(secret)
  const address = encodeAddress({
    ownerKey: keys.ownerKey,
    viewingPublicKey: keys.viewingKey.publicKey,
  })
  return viewOnly ? { viewOnly, keys, address } : { viewOnly, keys: keys as Keys, address }
}

/**
 * The wallet's keys: a mnemonic (or, for a watched wallet, a full viewing
 * key) sealed under the password in IndexedDB (`lib/keystore`: scrypt →
 * AES-256-GCM), opened into keys in memory while unlocked. The AES key the
 * password derived sits in `storage.session` so a restarted service worker
 * opens the keystore again without the password; the session area is
 * memory-only and cleared with the browser. The mnemonic leaves only through
 * `revealPhrase`, after the password again. A watched wallet has view keys
 * only: `keys()` throws a `ViewOnlyError`, so nothing can spend.
 */
export function createKeystore(params: CreateKeystoreParameters) {
  const { db, session, alarms, settings } = params
  const now = params.now ?? Date.now
  let unlocked: OpenWallet | undefined
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
  async function open(password: string): Promise<{ secret: string; key: Uint8Array }> {
    const blob = await readBlob()
    const { parameters, salt } = parseKeystoreBlob(blob)
    const key = await deriveKeystoreKey(password, salt, parameters)
    const secret = await openWithKey(blob, key)
    if (secret === null) {
      key.fill(0)
      throw new WrongPasswordError('Wrong password.')
    }
    return { secret, key }
  }

  async function autoLockMs() {
    return (await settings.get()).autoLockMinutes * 60_000
  }

  async function scheduleAutoLock() {
    await alarms.create(alarmNames.autoLock, { when: lastActive + (await autoLockMs()) })
  }

  async function enter(secret: string, key: Uint8Array) {
    const wallet = openSecret(secret)
    lastActive = now()
    await session.set({ [SESSION_KEY]: base64.encode(key), [SESSION_ACTIVE]: lastActive })
    key.fill(0)
    unlocked = wallet
    await scheduleAutoLock()
    params.onChange?.(true)
    return { address: wallet.address }
  }

  /**
   * Seals `secret` as the wallet, dropping any earlier wallet's notes, history
   * and sites. An existing wallet is refused unless `replace`: then it is
   * locked first, so nothing of it stays open while its data goes.
   */
  async function store(secret: string, password: string, birthdayBlock?: bigint, replace = false) {
    if (await db.keystore.get('main')) {
      if (!replace) throw new WalletExistsError('A wallet exists already in this browser.')
      await lock()
    }
    const blob = await encryptSecret({
      secret,
      password,
      ...(params.scrypt ? { scrypt: params.scrypt } : {}),
    })
    const tables = [
      db.keystore,
      db.notes,
      db.leaves,
      db.trees,
      db.syncCursors,
      db.activity,
      db.pendingWork,
      db.sites,
      db.siteRequests,
    ]
    await db.transaction('rw', tables, async () => {
      for (const table of tables) await table.clear()
      await db.keystore.put({
        id: 'main',
        blob,
        createdAt: now(),
        ...(birthdayBlock !== undefined ? { birthdayBlock: birthdayBlock.toString() } : {}),
      })
    })
    return enter(secret, await open(password).then(({ key }) => key))
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
    const secret = row && !stale ? await openWithKey(row.blob, base64.decode(encoded)) : null
    if (!secret || typeof active !== 'number') {
      await lock()
      return false
    }
    unlocked = openSecret(secret)
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
    /** Whether the open wallet only watches (undefined while locked). */
    isViewOnly: () => unlocked?.viewOnly,
    /**
     * The spending keys while unlocked; throws a `WalletLockedError` when
     * locked and a `ViewOnlyError` for a watched wallet.
     */
    keys(): Keys {
      if (!unlocked) throw new WalletLockedError('The wallet is locked: unlock it first.')
      if (unlocked.viewOnly) throw new ViewOnlyError()
      return unlocked.keys
    },
    /** The keys that see notes arrive and leave (every wallet has them) while unlocked. */
    viewKeys(): ViewKeys {
      if (!unlocked) throw new WalletLockedError('The wallet is locked: unlock it first.')
      return unlocked.keys
    },
    address: () => unlocked?.address,

    /** A new wallet: returns its phrase this once. */
    async create(password: string): Promise<{ mnemonic: string }> {
      const mnemonic = generateMnemonic()
      // No note of a phrase made now can be older than the chain's head.
      const birthday = await params.headBlock?.().catch(() => undefined)
      await store(mnemonic, password, birthday)
      return { mnemonic }
    },
    /**
     * A wallet from an existing phrase (checked first). With `replace`, an
     * existing wallet is locked and deleted with its data (the forgotten
     * password's way back); without, it is refused.
     */
    async import(
      mnemonic: string,
      password: string,
      options: { replace?: boolean } = {},
    ): Promise<{ address: string }> {
      return store(validateMnemonic(mnemonic), password, undefined, options.replace === true)
    },
    /** A watch-only wallet from a full viewing key (`zkpayview1…`, checked first). */
    async watch(viewingKey: string, password: string): Promise<{ address: string }> {
      const normalized = encodeFullViewingKey(decodeFullViewingKey(viewingKey))
      return store(normalized, password)
    },
    async unlock(password: string): Promise<{ address: string }> {
      const { secret, key } = await open(password)
      return enter(secret, key)
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
    /** The recovery phrase, after the password; a watched wallet has none. */
    async revealPhrase(password: string): Promise<{ mnemonic: string }> {
      const { secret, key } = await open(password)
      key.fill(0)
      if (isViewingKey(secret)) {
        throw new ViewOnlyError('This wallet watches a viewing key: it has no recovery phrase.')
      }
      return { mnemonic: secret }
    },
    /**
     * The full viewing key (`zkpayview1…`), after the password: its holder
     * sees every note arrive and leave and reads the history, but cannot spend.
     */
    async exportViewingKey(password: string): Promise<{ viewingKey: string }> {
      const { secret, key } = await open(password)
      key.fill(0)
      return { viewingKey: encodeFullViewingKey(openSecret(secret).keys) }
    },
  }
}

export type Keystore = ReturnType<typeof createKeystore>
