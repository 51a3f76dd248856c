import { Clock } from 'lucide-react'
import type { TokenBalance } from '../../background/messages.js'
import { formatUnits } from '../format.js'
import type { Go } from '../navigation.js'

/** Past this many unspent notes the card offers to merge them. */
export const MERGE_THRESHOLD = 4

type TokenCardProps = { balance: TokenBalance; go: Go; viewOnly: boolean }

/**
 * One token, balance first: the private (shielded) balance, what is on its
 * way, the public account's balance, and a merge offer (a watched wallet has
 * neither a public account nor merges).
 */
export function TokenCard({ balance, go, viewOnly }: TokenCardProps) {
  const { symbol, decimals } = balance
  const hasPending = BigInt(balance.pending || '0') > 0n
  return (
    <section
      className="balance-card"
      data-testid={`token-${symbol}`}
      aria-label={`${symbol} balance`}
    >
      <span className="balance-label">Private balance</span>
      <div className="balance">
        <span className="amount" data-testid="shielded-balance">
          {formatUnits(balance.shielded, decimals)}
        </span>{' '}
        <span className="symbol">{symbol}</span>
      </div>
      {hasPending && (
        <span className="pending-pill">
          <Clock size={12} aria-hidden />
          <span data-testid="pending-balance">
            {formatUnits(balance.pending, decimals)} {symbol} pending
          </span>
        </span>
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
