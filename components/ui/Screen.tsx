import { ArrowLeft } from 'lucide-react'
import type { ReactNode } from 'react'

type ScreenProps = {
  title: string
  /** Shows a back arrow that calls this. */
  onBack?: () => void
  testId: string
  children: ReactNode
}

/** One popup screen: a header with an optional back button, then its content. */
export function Screen({ title, onBack, testId, children }: ScreenProps) {
  return (
    <main className="screen" data-testid={testId}>
      <header className="screen-header">
        {onBack && (
          <button
            type="button"
            className="back"
            onClick={onBack}
            aria-label="Back"
            data-testid="back"
          >
            <ArrowLeft size={20} aria-hidden />
          </button>
        )}
        <h1>{title}</h1>
      </header>
      <div className="screen-body">{children}</div>
    </main>
  )
}
