import { useCallback } from 'react'
import type { Settings } from '../../background/messages.js'
import { addContact, type Contact, removeContact } from '../../lib/contacts.js'
import { send } from '../api.js'

/**
 * The wallet's contact book, from its settings, and the changes to it: each
 * checks the whole book (lib/contacts.ts) and stores it with
 * `settings.update`; the background's `state.changed` brings it back into
 * every open page's `WalletState`.
 */
export function useContacts(settings: Pick<Settings, 'contacts'> | undefined) {
  const contacts = (settings?.contacts ?? []) as Contact[]
  const store = useCallback((next: Contact[]) => send('settings.update', { contacts: next }), [])
  return {
    contacts,
    /** Adds (or renames) a contact; throws an `InvalidContactError` for a bad or clashing one. */
    save: (contact: Contact) => store(addContact(contacts, contact)),
    remove: (address: string) => store(removeContact(contacts, address)),
    /** Stores `next` as the whole book (an import). */
    replace: store,
  }
}
