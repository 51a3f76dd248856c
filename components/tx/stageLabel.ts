import type { Activity, ProofProgress } from '../../background/messages.js'

/**
 * What the wallet is doing for a running transaction, in words. The proof
 * stage is the finer signal; the activity status covers the steps around it.
 */
export function stageLabel(
  stage: ProofProgress['stage'] | undefined,
  status: Activity['status'] | undefined,
): string {
  if (status === 'pending') return 'Sent; waiting for the block that settles it…'
  if (status === 'submitting' || stage === 'submitting') return 'Submitting the transaction…'
  switch (stage) {
    case 'loading':
      return 'Loading the proving key…'
    case 'witness':
      return 'Computing the witness…'
    case 'proving':
      return 'Making the zero-knowledge proof (about a second)…'
    case 'done':
      return 'Proof ready; submitting…'
    default:
      return status === 'proving'
        ? 'Preparing the proof…'
        : 'Choosing notes and preparing the transaction…'
  }
}

/** The proof stages in order, for the step list. */
export const PROOF_STEPS: { stage: ProofProgress['stage']; label: string }[] = [
  { stage: 'loading', label: 'Load proving key' },
  { stage: 'witness', label: 'Compute witness' },
  { stage: 'proving', label: 'Prove' },
  { stage: 'submitting', label: 'Submit' },
  { stage: 'done', label: 'Settle' },
]
