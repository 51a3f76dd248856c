import { formatUnits } from '../format.js'
import type { FeeQuote } from '../hooks/useFeeQuote.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Spinner } from '../ui/Spinner.js'

/** The quoted fee, or why there is none yet. */
export function FeeLine({
  quote,
  symbol,
  decimals,
}: {
  quote: FeeQuote
  symbol: string
  decimals: number
}) {
  switch (quote.state) {
    case 'idle':
      return <p className="hint">The fee shows once the amount is valid.</p>
    case 'loading':
      return <Spinner label="Asking for the fee…" testId="fee-loading" />
    case 'error':
      return <ErrorText error={`No fee quote: ${quote.error}`} testId="fee-error" />
    case 'ready':
      return (
        <p className="hint" data-testid="fee">
          Fee: <span data-testid="fee-amount">{formatUnits(quote.fee, decimals)}</span> {symbol}
          {quote.circuit !== 'tx1' && (
            <span className="small">
              {' '}
              (uses several notes: a merge makes later payments cheaper)
            </span>
          )}
        </p>
      )
  }
}
