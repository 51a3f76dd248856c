import type { TokenBalance } from '../../background/messages.js'
import { formatUnits } from '../format.js'
import type { Go } from '../navigation.js'

/** Past this many unspent notes the card offers to merge them. */
export const MERGE_THRESHOLD = 4

type TokenCardProps = { balance: TokenBalance; go: Go; viewOnly: boolean }

/**
 * One token: shielded balance, pending, the public account's balance, and a
 * merge offer (a watched wallet has neither a public account nor merges).
 */
export function TokenCard({ balance, go, viewOnly }: TokenCardProps) {
  const { symbol, decimals } = balance
  const hasPending = BigInt(balance.pending || '0') > 0n
  return (
    <section className="card" data-testid={`token-${symbol}`}>
      <div className="balance">
        <span className="amount" data-testid="shielded-balance">
          {formatUnits(balance.shielded, decimals)}
        </span>{' '}
        <span className="symbol">{symbol}</span>
        <span className="hint"> shielded</span>
      </div>
      {hasPending && (
        <div className="hint" data-testid="pending-balance">
          {formatUnits(balance.pending, decimals)} {symbol} pending
        </div>
      )}
      {!viewOnly && (
        <div className="hint">
          Public account:{' '}
          <span data-testid="public-balance">{formatUnits(balance.public, decimals)}</span> {symbol}
        </div>
      )}
      {!viewOnly && balance.notes > MERGE_THRESHOLD && (
        <button
          type="button"
          className="link"
          onClick={() => go('merge', balance.pool)}
          data-testid="merge-offer"
        >
          {balance.notes} notes: merge them for cheaper, faster payments
        </button>
      )}
    </section>
  )
}
