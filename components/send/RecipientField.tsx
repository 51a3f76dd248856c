import { useId } from 'react'
import type { Settings } from '../../background/messages.js'
import { type Contact, suggestContacts } from '../../lib/contacts.js'
import {
  isPaymentRequest,
  type PaymentRequest,
  parsePaymentRequest,
} from '../../lib/paymentRequest.js'
import { SaveContact } from '../contacts/SaveContact.js'
import { shortAddress } from '../format.js'
import { resolveRecipient } from './resolveRecipient.js'
import './send.css'

export type RecipientFieldProps = {
  /** What the box holds (controlled): an address, a contact's name, or a pasted request. */
  value: string
  onChange(text: string): void
  /** The wallet's contact book: `state.settings.contacts ?? []`. */
  contacts: readonly Contact[]
  /**
   * A valid `zkpay:` request was pasted or typed: the box now holds its
   * address, and the form fills amount, memo and token from the request
   * (`applyRequest(request, state.balances)` says how, or why not).
   */
  onRequest?(request: PaymentRequest): void
  /** With the settings, an address without a name offers "Save as contact". */
  settings?: Pick<Settings, 'contacts'>
  label?: string
  /** The textarea's data-testid (suggestions are `recipient-suggestion`). */
  testId?: string
}

/**
 * The recipient box of Send. How to use it (C1's Send):
 *
 *     const [to, setTo] = useState('')
 *     const contacts = state.settings.contacts ?? []
 *     const recipient = resolveRecipient(to, contacts)   // { address, contact } | { error }
 *     <RecipientField value={to} onChange={setTo} contacts={contacts} settings={state.settings}
 *       onRequest={(r) => { const f = applyRequest(r, state.balances ?? []); ... }} />
 *
 * and pay `recipient.address`. The field shows the contact's name for a
 * known address, suggests contacts while a name is typed, explains what is
 * wrong with a bad address or request, and offers to name a new address.
 */
export function RecipientField({
  value,
  onChange,
  contacts,
  onRequest,
  settings,
  label = 'To (shielded address or contact)',
  testId = 'send-to',
}: RecipientFieldProps) {
  const id = useId()
  const recipient = resolveRecipient(value, contacts)
  const typed = value.trim()
  const suggestions =
    typed !== '' && !recipient.address && !/^zkpay[1:]/i.test(typed)
      ? suggestContacts(contacts, typed)
      : []

  const change = (text: string) => {
    if (isPaymentRequest(text)) {
      try {
        const request = parsePaymentRequest(text)
        onChange(request.address)
        onRequest?.(request)
        return
      } catch {
        // Kept as typed: resolveRecipient says what is wrong with it.
      }
    }
    onChange(text)
  }

  const error = typed !== '' && suggestions.length === 0 ? recipient.error : undefined
  return (
    <div className="field recipient-field">
      <label className="field-label" htmlFor={`${id}-input`}>
        {label}
      </label>
      <textarea
        id={`${id}-input`}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        placeholder="zkpay1…, a contact, or a zkpay: request"
        value={value}
        onChange={(e) => change(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-status`}
        data-testid={testId}
      />
      {suggestions.length > 0 && (
        <ul className="recipient-suggestions" aria-label="Contacts">
          {suggestions.map((contact) => (
            <li key={contact.address}>
              <button
                type="button"
                className="recipient-suggestion"
                onClick={() => onChange(contact.name)}
                data-testid="recipient-suggestion"
              >
                <span className="recipient-name">{contact.name}</span>
                <span className="mono small">{shortAddress(contact.address)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div id={`${id}-status`}>
        {error ? (
          <span className="field-error" role="alert" data-testid={`${testId}-error`}>
            {error}
          </span>
        ) : recipient.contact ? (
          <span className="field-hint" data-testid="recipient-contact">
            {recipient.contact.name} ·{' '}
            <span className="mono">{shortAddress(recipient.contact.address)}</span>
          </span>
        ) : recipient.address ? (
          <span className="field-hint" data-testid="recipient-valid">
            Valid shielded address.
          </span>
        ) : null}
      </div>
      {recipient.address && !recipient.contact && settings && (
        <SaveContact address={recipient.address} settings={settings} />
      )}
    </div>
  )
}
