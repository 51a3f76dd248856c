import type { ApprovalView, ProofProgress } from '../../background/messages.js'

/** The payment's proof, in words, while the approval window waits for the user. */
export function proofLine(
  view: ApprovalView,
  live: ProofProgress['stage'] | undefined,
  unlocked: boolean,
): string {
  if (!unlocked) return 'The proof starts once the wallet is unlocked.'
  const stage = live ?? view.proof?.stage
  switch (stage) {
    case 'loading':
      return 'Preparing the proof: loading the proving key…'
    case 'witness':
      return 'Preparing the proof: computing the witness…'
    case 'proving':
      return 'Preparing the proof (about a second)…'
    case 'ready':
    case 'submitting':
    case 'done':
      return 'Proof ready: approving sends it at once.'
    default:
      return 'Preparing the payment…'
  }
}
