import type { WalletState } from '../../background/messages.js'
import { send } from '../api.js'
import { formatUnits } from '../format.js'
import { FeeLine } from '../forms/FeeLine.js'
import { useFeeQuote } from '../hooks/useFeeQuote.js'
import { useTokenChoice } from '../hooks/useTokenChoice.js'
import { useTxRun } from '../hooks/useTxRun.js'
import { TxScreen } from '../tx/TxScreen.js'

type MergeProps = { state: WalletState; pool?: `0x${string}`; onBack(): void }

/** Combines many small notes into one, so later payments use the small, fast circuit. */
export function Merge({ state, pool, onBack }: MergeProps) {
  const { balance } = useTokenChoice(state.balances, pool)
  const tx = useTxRun()
  const shielded = balance ? BigInt(balance.shielded) : undefined
  const quote = useFeeQuote(balance?.pool, shielded && shielded > 0n ? shielded : undefined)

  return (
    <TxScreen
      title="Merge notes"
      testId="screen-merge"
      onBack={onBack}
      balance={balance}
      tx={tx}
      doneText={`Merged your ${balance?.symbol} notes.`}
    >
      {(balance) => (
        <div className="stack">
          <p>
            Your {formatUnits(balance.shielded, balance.decimals)} {balance.symbol} sit in{' '}
            <strong data-testid="merge-notes">{balance.notes}</strong> notes. A payment spends at
            most a few at a time, so many small notes make payments slower and cost more. Merging
            combines them into one note of yours; nobody else sees it.
          </p>
          <FeeLine quote={quote} symbol={balance.symbol} decimals={balance.decimals} />
          <button
            type="button"
            className="primary"
            disabled={balance.notes < 2}
            onClick={() => void tx.start(() => send('tx.merge', { pool: balance.pool }))}
            data-testid="merge-submit"
          >
            Merge {balance.notes} notes
          </button>
        </div>
      )}
    </TxScreen>
  )
}
