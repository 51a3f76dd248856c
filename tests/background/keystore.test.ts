import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { alarmNames, defaultSettings } from '../../background/config.js'
import { WalletDb } from '../../background/db.js'
import { createKeystore } from '../../background/keystore.js'
import { createSettingsStore } from '../../background/settingsStore.js'
import { ViewOnlyError, WalletLockedError, WrongPasswordError } from '../../lib/errors.js'
import { encodeFullViewingKey } from '../../lib/fullViewingKey.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { dbName, fakeAlarms, fakeSession } from './fakes.js'

const scrypt = { N: 2 ** 10 }
const password = 'correct horse battery'

function setup(name = dbName(), session = fakeSession()) {
  const db = new WalletDb(name)
  const alarms = fakeAlarms()
  const settings = createSettingsStore(db, { ...defaultSettings, autoLockMinutes: 15 })
  const clock = { now: 1_000_000 }
  const changes: boolean[] = []
  const keystore = createKeystore({
    db,
    session,
    alarms,
    settings,
    scrypt,
    now: () => clock.now,
    onChange: (unlocked) => changes.push(unlocked),
  })
  return { db, session, alarms, settings, clock, changes, keystore, name }
}

describe('keystore', () => {
  it('creates a wallet, returns its phrase once, and stays unlocked', async () => {
    const { keystore, db, changes } = setup()
    expect(await keystore.hasWallet()).toBe(false)
    const { mnemonic } = await keystore.create(password)
    expect(mnemonic.split(' ')).toHaveLength(12)
    expect(keystore.isUnlocked()).toBe(true)
    expect(keystore.keys().spendingKey).toBe(deriveKeys(mnemonic).spendingKey)
    const stored = JSON.stringify(await db.keystore.toArray())
    expect(stored).not.toContain(mnemonic)
    expect(changes).toEqual([true])
    await expect(keystore.create(password)).rejects.toThrow(/exists already/)
  })

  it('imports a phrase and refuses an invalid one', async () => {
    const { keystore } = setup()
    await expect(keystore.import('not a phrase', password)).rejects.toThrow(/12, 15, 18/)
    const mnemonic = generateMnemonic()
    const { address } = await keystore.import(`  ${mnemonic.toUpperCase()} `, password)
    expect(address).toMatch(/^zkpay1/)
    expect(keystore.keys().ownerKey).toBe(deriveKeys(mnemonic).ownerKey)
  })

  it('watches a wallet from its viewing key: view keys only, no spending key, no phrase', async () => {
    const { keystore, db, session } = setup()
    const keys = deriveKeys(generateMnemonic())
    const viewingKey = encodeFullViewingKey(keys)
    await expect(keystore.watch('zkpayview1notakey', password)).rejects.toThrow(/checksum|length/)
    expect(await keystore.hasWallet()).toBe(false)
    await keystore.watch(` ${viewingKey.toUpperCase()} `, password)
    expect(keystore.isViewOnly()).toBe(true)
    expect(keystore.viewKeys().nullifierKey).toBe(keys.nullifierKey)
    expect(() => keystore.keys()).toThrow(ViewOnlyError)
    await expect(keystore.revealPhrase(password)).rejects.toThrow(ViewOnlyError)
    expect((await keystore.exportViewingKey(password)).viewingKey).toBe(viewingKey)
    expect(JSON.stringify(await db.keystore.toArray())).not.toContain(viewingKey.slice(10, 40))
    // A restarted worker opens it again from the session, still watch-only.
    const restarted = createKeystore({
      db,
      session,
      alarms: fakeAlarms(),
      settings: createSettingsStore(db, { ...defaultSettings, autoLockMinutes: 15 }),
      scrypt,
      now: () => 1_000_000,
    })
    expect(await restarted.restore()).toBe(true)
    expect(restarted.isViewOnly()).toBe(true)
    expect(() => restarted.keys()).toThrow(ViewOnlyError)
  })

  it('locks, then unlocks with the password and refuses a wrong one with a typed error', async () => {
    const { keystore, session, alarms } = setup()
    const { mnemonic } = await keystore.create(password)
    expect(session.data.size).toBe(2)
    await keystore.lock()
    expect(keystore.isUnlocked()).toBe(false)
    expect(session.data.size).toBe(0)
    expect(alarms.scheduled.has(alarmNames.autoLock)).toBe(false)
    expect(() => keystore.keys()).toThrow(WalletLockedError)

    const wrong = await keystore.unlock('wrong password').catch((e) => e)
    expect(wrong).toBeInstanceOf(WrongPasswordError)
    expect(wrong.code).toBe('wrong_password')
    expect(keystore.isUnlocked()).toBe(false)

    await keystore.unlock(password)
    expect(keystore.keys().spendingKey).toBe(deriveKeys(mnemonic).spendingKey)
  })

  it('keeps neither the password nor the phrase in the session, only the derived key', async () => {
    const { keystore, session } = setup()
    const { mnemonic } = await keystore.create(password)
    const dump = JSON.stringify([...session.data])
    expect(dump).not.toContain(password)
    expect(dump).not.toContain(mnemonic)
    expect(dump).not.toContain(keystore.keys().spendingKey.toString())
  })

  it('reveals the phrase and exports the viewing key only with the password', async () => {
    const { keystore } = setup()
    const { mnemonic } = await keystore.create(password)
    await expect(keystore.revealPhrase('nope')).rejects.toBeInstanceOf(WrongPasswordError)
    expect((await keystore.revealPhrase(password)).mnemonic).toBe(mnemonic)
    await expect(keystore.exportViewingKey('nope')).rejects.toBeInstanceOf(WrongPasswordError)
    const { viewingKey } = await keystore.exportViewingKey(password)
    expect(viewingKey).toBe(encodeFullViewingKey(deriveKeys(mnemonic)))
  })

  it('a restarted worker unlocks again from the session, without the password', async () => {
    const first = setup()
    const { mnemonic } = await first.keystore.create(password)
    first.db.close()

    const second = setup(first.name, first.session)
    second.clock.now = first.clock.now + 60_000
    expect(second.keystore.isUnlocked()).toBe(false)
    expect(await second.keystore.restore()).toBe(true)
    expect(second.keystore.keys().spendingKey).toBe(deriveKeys(mnemonic).spendingKey)
    expect(second.changes).toEqual([true])
  })

  it('a browser restart (session cleared) leaves the wallet locked', async () => {
    const first = setup()
    await first.keystore.create(password)
    first.session.data.clear()
    const second = setup(first.name, first.session)
    expect(await second.keystore.restore()).toBe(false)
    expect(second.keystore.isUnlocked()).toBe(false)
  })

  it('auto-locks after autoLockMinutes idle, and activity postpones it', async () => {
    const { keystore, alarms, clock, settings } = setup()
    await settings.update({ autoLockMinutes: 2 })
    await keystore.create(password)
    const start = clock.now
    expect(alarms.scheduled.get(alarmNames.autoLock)).toBe(start + 120_000)

    clock.now = start + 60_000
    await keystore.touch()
    expect(alarms.scheduled.get(alarmNames.autoLock)).toBe(start + 180_000)
    clock.now = start + 121_000
    await keystore.onAutoLockAlarm() // an early alarm (the old one): not idle long enough
    expect(keystore.isUnlocked()).toBe(true)
    expect(alarms.scheduled.get(alarmNames.autoLock)).toBe(start + 180_000)

    clock.now = start + 180_000
    await keystore.onAutoLockAlarm()
    expect(keystore.isUnlocked()).toBe(false)
  })

  it('a worker restarted after the idle time stays locked and clears the session', async () => {
    const first = setup()
    await first.keystore.create(password)
    const second = setup(first.name, first.session)
    second.clock.now = first.clock.now + 16 * 60_000
    expect(await second.keystore.restore()).toBe(false)
    expect(first.session.data.size).toBe(0)
  })
})
