import type { TxRun } from '../hooks/useTxRun.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Spinner } from '../ui/Spinner.js'
import { CancelTx } from './CancelTx.js'
import { PROOF_STEPS, stageLabel } from './stageLabel.js'

type TxProgressProps = {
  tx: TxRun
  /** What the settled message says happened, e.g. "Sent 5 zUSD". */
  doneText: string
  onDone(): void
}

/** A running transaction: the proof steps, what happens now, a Cancel, then the result. */
export function TxProgress({ tx, doneText, onDone }: TxProgressProps) {
  if (tx.phase === 'starting') return <Spinner label="Handing the request to the wallet…" />
  if (tx.phase === 'settled') {
    return (
      <section className="tx-result" data-testid="tx-settled">
        <p className="success">{doneText}</p>
        {tx.activity?.txHash && (
          <p className="mono small">
            Transaction <span data-testid="tx-hash">{tx.activity.txHash}</span>
          </p>
        )}
        <button type="button" className="primary" onClick={onDone} data-testid="tx-done">
          Done
        </button>
      </section>
    )
  }
  if (tx.phase === 'failed') {
    return (
      <section className="tx-result" data-testid="tx-failed">
        <p>It did not go through. Your notes stay spendable.</p>
        <ErrorText error={tx.error ?? 'The transaction failed.'} testId="tx-error" />
        {tx.activity?.txHash && <p className="mono small">Transaction {tx.activity.txHash}</p>}
        <div className="row">
          <button type="button" onClick={tx.reset} data-testid="tx-retry">
            Back to the form
          </button>
          <button type="button" onClick={onDone} data-testid="tx-done">
            Close
          </button>
        </div>
      </section>
    )
  }
  const reached = PROOF_STEPS.findIndex((step) => step.stage === tx.stage)
  const current = tx.activity?.status === 'pending' ? PROOF_STEPS.length - 1 : Math.max(reached, 0)
  return (
    <section className="tx-progress" data-testid="tx-progress" data-stage={tx.stage ?? ''}>
      <Spinner label={stageLabel(tx.stage, tx.activity?.status)} testId="tx-stage" />
      <ol className="steps">
        {PROOF_STEPS.map((step, i) => (
          <li
            key={step.stage}
            className={i < current ? 'step done' : i === current ? 'step now' : 'step'}
          >
            {step.label}
          </li>
        ))}
      </ol>
      <p className="hint">You can close the popup; the wallet finishes in the background.</p>
      <CancelTx activityId={tx.activityId} />
    </section>
  )
}
