/** A readable error, announced to screen readers; renders nothing without one. */
export function ErrorText({ error, testId }: { error?: string; testId?: string }) {
  if (!error) return null
  return (
    <p className="error" role="alert" data-testid={testId ?? 'error'}>
      {error}
    </p>
  )
}
