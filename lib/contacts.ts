import { decodeAddress, type ShieldedAddress } from './address.js'
import { BaseError, type BaseErrorParameters } from './errors.js'

/**
 * The contact book: names for shielded addresses, kept by the extension in
 * its settings and by the CLI in its wallet file, and moved between them
 * as a small JSON file (`{ "zkpayContacts": 1, "contacts": [...] }`).
 */

/** A named shielded address. */
export type Contact = { name: string; address: ShieldedAddress }

/** Longest contact name, in characters. */
export const MAX_CONTACT_NAME = 40
/** Most contacts in one book (the settings row stays small). */
export const MAX_CONTACTS = 500

/** A bad name, address or contacts file; `problem` says which. */
export class InvalidContactError extends BaseError {
  override name = 'InvalidContactError'
  readonly problem: 'name' | 'address' | 'duplicate' | 'file' | 'too_many'
  constructor(
    problem: InvalidContactError['problem'],
    shortMessage: string,
    params?: BaseErrorParameters,
  ) {
    super('bad_request', shortMessage, params)
    this.problem = problem
  }
}

const key = (name: string) => name.trim().toLowerCase()

/** A name as stored: trimmed, inner whitespace collapsed; throws when empty or too long. */
export function checkContactName(name: string): string {
  const clean = typeof name === 'string' ? name.trim().replace(/\s+/g, ' ') : ''
  if (clean === '') throw new InvalidContactError('name', 'Enter a name for the contact.')
  if ([...clean].length > MAX_CONTACT_NAME)
    throw new InvalidContactError(
      'name',
      `A contact name has at most ${MAX_CONTACT_NAME} characters.`,
    )
  if (clean.toLowerCase().startsWith('zkpay1') || clean.toLowerCase().startsWith('zkpay:'))
    throw new InvalidContactError('name', 'A contact name cannot look like an address.')
  return clean
}

function checkContactAddress(address: string): ShieldedAddress {
  try {
    decodeAddress(address)
  } catch (error) {
    const short = (error as { shortMessage?: string }).shortMessage ?? String(error)
    throw new InvalidContactError('address', short, { cause: error })
  }
  return address.trim().toLowerCase() as ShieldedAddress
}

/** The contact named `name` (any case), if any. */
export function findContact(contacts: readonly Contact[], name: string): Contact | undefined {
  const wanted = key(name)
  return contacts.find((c) => key(c.name) === wanted)
}

/** The contact of `address`, if any. */
export function contactOf(contacts: readonly Contact[], address: string): Contact | undefined {
  const wanted = address.trim().toLowerCase()
  return contacts.find((c) => c.address === wanted)
}

/**
 * The book with `contact` added, sorted by name. Saving an address again
 * under a new name renames it; a name already used by another address is
 * refused.
 */
export function addContact(contacts: readonly Contact[], contact: Contact): Contact[] {
  const name = checkContactName(contact.name)
  const address = checkContactAddress(contact.address)
  const clash = findContact(contacts, name)
  if (clash && clash.address !== address)
    throw new InvalidContactError('duplicate', `There is already a contact named ${clash.name}.`)
  const rest = contacts.filter((c) => c.address !== address)
  if (rest.length >= MAX_CONTACTS)
    throw new InvalidContactError('too_many', `The contact book holds at most ${MAX_CONTACTS}.`)
  return [...rest, { name, address }].sort((a, b) => a.name.localeCompare(b.name))
}

/** The book without the contact of `address`. */
export function removeContact(contacts: readonly Contact[], address: string): Contact[] {
  const wanted = address.trim().toLowerCase()
  return contacts.filter((c) => c.address !== wanted)
}

/** Contacts whose name starts with (or, second, contains) `text`, at most `limit`. */
export function suggestContacts(contacts: readonly Contact[], text: string, limit = 5): Contact[] {
  const wanted = key(text)
  if (wanted === '') return contacts.slice(0, limit)
  const starts = contacts.filter((c) => key(c.name).startsWith(wanted))
  const contains = contacts.filter((c) => !starts.includes(c) && key(c.name).includes(wanted))
  return [...starts, ...contains].slice(0, limit)
}

/** The export file's text. */
export function formatContactsFile(contacts: readonly Contact[]): string {
  return `${JSON.stringify({ zkpayContacts: 1, contacts }, null, 2)}\n`
}

/**
 * Reads an export file and merges it into `into`: every contact is checked
 * as {@link addContact} does; a name clash is an error naming it, nothing
 * is half-imported. Returns the merged book and how many were new.
 */
export function importContactsFile(
  text: string,
  into: readonly Contact[] = [],
): { contacts: Contact[]; added: number } {
  let file: unknown
  try {
    file = JSON.parse(text)
  } catch (cause) {
    throw new InvalidContactError('file', 'This is not a zkpay contacts file (not JSON).', {
      cause,
    })
  }
  const list = (file as { contacts?: unknown } | null)?.contacts
  if ((file as { zkpayContacts?: unknown } | null)?.zkpayContacts !== 1 || !Array.isArray(list))
    throw new InvalidContactError('file', 'This is not a zkpay contacts file.')
  let contacts = [...into]
  let added = 0
  for (const entry of list) {
    const { name, address } = (entry ?? {}) as { name?: unknown; address?: unknown }
    if (typeof name !== 'string' || typeof address !== 'string')
      throw new InvalidContactError('file', 'A contact in the file has no name or address.')
    const known = contactOf(contacts, address)
    if (known && key(known.name) === key(name)) continue
    contacts = addContact(contacts, { name, address: address as ShieldedAddress })
    if (!known) added++
  }
  return { contacts, added }
}
