import { describe, expect, it } from 'vitest'
import { encodeAddress } from '../../lib/address.js'
import {
  addContact,
  type Contact,
  checkContactName,
  contactOf,
  findContact,
  formatContactsFile,
  InvalidContactError,
  importContactsFile,
  removeContact,
  suggestContacts,
} from '../../lib/contacts.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'

const newAddress = () => {
  const keys = deriveKeys(generateMnemonic())
  return encodeAddress({ ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey })
}
const [a, b, c] = [newAddress(), newAddress(), newAddress()]

const problem = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidContactError)
    return (error as InvalidContactError).problem
  }
  return 'none'
}

describe('the contact book', () => {
  it('adds sorted by name, renames an address saved again, and finds by name or address', () => {
    let book: Contact[] = []
    book = addContact(book, { name: '  Zoe   Q ', address: a })
    book = addContact(book, { name: 'alice', address: b.toUpperCase() as `zkpay1${string}` })
    expect(book).toEqual([
      { name: 'alice', address: b },
      { name: 'Zoe Q', address: a },
    ])
    book = addContact(book, { name: 'Alicia', address: b })
    expect(book.map((x) => x.name)).toEqual(['Alicia', 'Zoe Q'])
    expect(findContact(book, 'zoe q')?.address).toBe(a)
    expect(contactOf(book, ` ${b.toUpperCase()} `)?.name).toBe('Alicia')
    expect(removeContact(book, a)).toEqual([{ name: 'Alicia', address: b }])
  })

  it('refuses empty, long, address-like and clashing names, and bad addresses', () => {
    const book = addContact([], { name: 'Bob', address: a })
    expect(problem(() => checkContactName('   '))).toBe('name')
    expect(problem(() => checkContactName('x'.repeat(41)))).toBe('name')
    expect(checkContactName('ñ'.repeat(40))).toHaveLength(40)
    expect(problem(() => checkContactName('zkpay1abc'))).toBe('name')
    expect(problem(() => addContact(book, { name: 'BOB', address: b }))).toBe('duplicate')
    expect(
      problem(() =>
        addContact(book, { name: 'Eve', address: `${a.slice(0, -1)}x` as `zkpay1${string}` }),
      ),
    ).toBe('address')
  })

  it('suggests names that start with the text first, then those that contain it', () => {
    let book: Contact[] = []
    book = addContact(book, { name: 'Mallory', address: a })
    book = addContact(book, { name: 'Al', address: b })
    book = addContact(book, { name: 'Sal', address: c })
    expect(suggestContacts(book, 'al').map((x) => x.name)).toEqual(['Al', 'Mallory', 'Sal'])
    expect(suggestContacts(book, 'sa').map((x) => x.name)).toEqual(['Sal'])
    expect(suggestContacts(book, 'q')).toEqual([])
  })

  it('exports a file and imports it into another book, merging, all or nothing', () => {
    let mine: Contact[] = []
    mine = addContact(mine, { name: 'Bob', address: a })
    mine = addContact(mine, { name: 'Carol', address: b })
    const file = formatContactsFile(mine)
    expect(JSON.parse(file)).toEqual({ zkpayContacts: 1, contacts: mine })
    const other = addContact([], { name: 'Dan', address: c })
    const merged = importContactsFile(file, other)
    expect(merged.added).toBe(2)
    expect(merged.contacts.map((x) => x.name)).toEqual(['Bob', 'Carol', 'Dan'])
    expect(importContactsFile(file, merged.contacts).added).toBe(0)
    // A name already used by another address: refused, nothing half-imported.
    const clash = addContact([], { name: 'carol', address: c })
    expect(problem(() => importContactsFile(file, clash))).toBe('duplicate')
    expect(problem(() => importContactsFile('not json'))).toBe('file')
    expect(problem(() => importContactsFile('{"contacts":[]}'))).toBe('file')
    expect(problem(() => importContactsFile('{"zkpayContacts":1,"contacts":[{"name":"x"}]}'))).toBe(
      'file',
    )
  })
})
