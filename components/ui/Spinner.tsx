/** A spinner that always says what it waits for. */
export function Spinner({ label, testId }: { label: string; testId?: string }) {
  return (
    <div className="spinner" role="status" aria-live="polite" data-testid={testId ?? 'spinner'}>
      <span className="spinner-wheel" aria-hidden="true" />
      <span>{label}</span>
    </div>
  )
}
