import { decodeAddress, type ShieldedAddress } from '../../lib/address.js'
import { type Contact, contactOf, findContact } from '../../lib/contacts.js'
import { isPaymentRequest, parsePaymentRequest } from '../../lib/paymentRequest.js'

/** What the recipient box holds: an address (maybe a contact's), or why not. */
export type Recipient =
  | { address: ShieldedAddress; contact?: Contact; error?: undefined }
  | { address?: undefined; contact?: undefined; error: string }

const short = (error: unknown) => (error as { shortMessage?: string }).shortMessage ?? String(error)

/**
 * Reads the recipient box: a `zkpay1…` address, a contact's name (any
 * case), or a `zkpay:` request (its address; the field hands the rest to
 * the form). The error is a sentence for under the box.
 */
export function resolveRecipient(text: string, contacts: readonly Contact[]): Recipient {
  const value = text.trim()
  if (value === '') return { error: 'Enter a shielded address or a contact name.' }
  if (isPaymentRequest(value)) {
    try {
      const { address } = parsePaymentRequest(value)
      const contact = contactOf(contacts, address)
      return contact ? { address, contact } : { address }
    } catch (error) {
      return { error: `This payment request cannot be used: ${short(error)}` }
    }
  }
  const contact = findContact(contacts, value)
  if (contact) return { address: contact.address, contact }
  if (!/^zkpay1/i.test(value) && !/^0x/i.test(value) && value.length <= 40)
    return { error: `No contact is named “${value}”. Paste a zkpay1… address instead.` }
  try {
    decodeAddress(value)
  } catch (error) {
    return { error: short(error) }
  }
  const address = value.toLowerCase() as ShieldedAddress
  const known = contactOf(contacts, address)
  return known ? { address, contact: known } : { address }
}
