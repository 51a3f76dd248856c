import type { ReactNode } from 'react'

type FieldProps = {
  label: string
  /** Shown under the input in red; wins over `hint`. */
  error?: string
  hint?: ReactNode
  children: ReactNode
}

/** A labelled form control with its validation message or hint. */
export function Field({ label, error, hint, children }: FieldProps) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed as children
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        hint && <span className="field-hint">{hint}</span>
      )}
    </label>
  )
}
