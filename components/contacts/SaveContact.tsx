import { type FormEvent, useState } from 'react'
import type { Settings } from '../../background/messages.js'
import type { ShieldedAddress } from '../../lib/address.js'
import { contactOf } from '../../lib/contacts.js'
import { useAction } from '../hooks/useAction.js'
import { ErrorText } from '../ui/ErrorText.js'
import { useContacts } from './useContacts.js'

type SaveContactProps = {
  /** A valid shielded address. */
  address: string
  settings: Pick<Settings, 'contacts'>
  /** Prefix of the data-testids (`<id>-open`, `<id>-name`, `<id>-submit`). */
  testId?: string
}

/**
 * "Save as contact" for an address that has no name yet: a link that opens
 * a one-line form. Renders nothing once the address is a contact.
 */
export function SaveContact({ address, settings, testId = 'save-contact' }: SaveContactProps) {
  const book = useContacts(settings)
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const save = useAction((n: string) => book.save({ name: n, address: address as ShieldedAddress }))
  if (contactOf(book.contacts, address)) return null
  if (!open)
    return (
      <button
        type="button"
        className="link"
        onClick={() => setOpen(true)}
        data-testid={`${testId}-open`}
      >
        Save as contact
      </button>
    )
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    event.stopPropagation()
    if (await save.run(name)) setOpen(false)
  }
  const inputId = `${testId}-name`
  return (
    <div className="stack contact-save" data-testid={testId}>
      <label className="field-label" htmlFor={inputId}>
        Contact name
      </label>
      <div className="row">
        <input
          id={inputId}
          autoComplete="off"
          maxLength={40}
          value={name}
          onChange={(e) => {
            setName(e.target.value)
            save.clearError()
          }}
          onKeyDown={(e) => {
            // Inside another form (Send): Enter saves the contact, not the payment.
            if (e.key === 'Enter') void submit(e as unknown as FormEvent)
          }}
          data-testid={inputId}
        />
        <button
          type="button"
          onClick={(e) => void submit(e as unknown as FormEvent)}
          disabled={name.trim() === '' || save.busy}
          data-testid={`${testId}-submit`}
        >
          Save
        </button>
      </div>
      <ErrorText error={save.error} testId={`${testId}-error`} />
    </div>
  )
}
