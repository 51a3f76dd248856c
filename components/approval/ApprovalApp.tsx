import { useState } from 'react'
import { needsPhishingConfirmation } from '../../lib/siteSafety.js'
import { send, useWalletState } from '../api.js'
import { useAction } from '../hooks/useAction.js'
import { useApproval } from '../hooks/useApproval.js'
import { useChainWatch } from '../hooks/useChainWatch.js'
import { Unlock } from '../screens/Unlock.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Screen } from '../ui/Screen.js'
import { Spinner } from '../ui/Spinner.js'
import { PaymentProgress } from './PaymentProgress.js'
import { proofLine } from './proofLine.js'
import { RequestDetails } from './RequestDetails.js'
import { SiteOrigin, SiteWarnings } from './SiteWarnings.js'

const TITLE = {
  zkpay_connect: 'Connect a site',
  zkpay_pay: 'Approve a payment',
  zkpay_tip: 'Approve a tip',
  zkpay_requestAllowance: 'Allow tips',
} as const

/**
 * The approval window for one site request: the wallet's password if it is
 * locked, then what the site asks, and Approve / Reject (the Cancel before
 * Approve). The background closes the window once the user decides, and
 * closing it is a rejection; an approved payment keeps it, with its progress
 * and a Cancel, until the payment ends. The site's origin comes first, with
 * its warnings (phishing, not https, never seen); on a site reported as
 * phishing, Approve waits for a checkbox saying the user understands.
 */
export function ApprovalApp({ requestId }: { requestId: string }) {
  const wallet = useWalletState()
  useChainWatch()
  const { view, error, stage, refresh } = useApproval(requestId)
  const [phishingConfirmed, setPhishingConfirmed] = useState(false)
  const decide = useAction((approve: boolean) =>
    send('approval.decide', { id: requestId, approve }),
  )

  if (error && !view)
    return (
      <Screen title="zkpay" testId="screen-approval-gone">
        <ErrorText error={error} testId="approval-error" />
        <button type="button" onClick={() => window.close()} data-testid="approval-close">
          Close
        </button>
      </Screen>
    )
  if (!view || !wallet.state) return <Spinner label="Reading the request…" />
  if (!wallet.state.hasWallet)
    return (
      <Screen title="zkpay" testId="screen-approval-nowallet">
        <p>A site asks for zkpay, but there is no wallet yet. Create one in the zkpay popup.</p>
        <button type="button" onClick={() => window.close()} data-testid="approval-close">
          Close
        </button>
      </Screen>
    )
  if (wallet.state.locked)
    return (
      <div data-testid="approval-locked">
        <div className="stack approval-site">
          <SiteOrigin origin={view.origin} warnings={view.warnings} />
          <SiteWarnings
            warnings={view.warnings}
            confirmed={phishingConfirmed}
            onConfirm={setPhishingConfirmed}
            decided
          />
        </div>
        <p className="hint center-text">This site is asking; unlock to see its request.</p>
        <Unlock onUnlocked={() => void wallet.refresh().then(refresh)} />
      </div>
    )

  const waiting = view.status === 'approving' || view.status === 'queued'
  const isPayment = view.method === 'zkpay_pay' || view.method === 'zkpay_tip'
  // Nobody approves a payment before seeing what it costs in all.
  const feeUnknown = isPayment && view.payment?.total === undefined
  const unconfirmed = needsPhishingConfirmation(view.warnings) && !phishingConfirmed
  return (
    <Screen title={TITLE[view.method]} testId="screen-approval">
      <SiteOrigin origin={view.origin} warnings={view.warnings} />
      <SiteWarnings
        warnings={view.warnings}
        confirmed={phishingConfirmed}
        onConfirm={setPhishingConfirmed}
        decided={!waiting || !view.needsApproval || Boolean(view.error)}
      />
      <RequestDetails view={view} />
      {isPayment && waiting && !view.error && view.needsApproval && (
        <p className="hint" data-testid="approval-proof">
          {proofLine(view, stage, !wallet.state.locked)}
        </p>
      )}
      <ErrorText error={view.error} testId="approval-request-error" />
      <ErrorText error={decide.error} testId="approval-decide-error" />
      {isPayment && view.status === 'running' && view.needsApproval ? (
        <PaymentProgress view={view} stage={stage} />
      ) : !waiting ? (
        <p className="hint" data-testid="approval-answered">
          This request was answered.
        </p>
      ) : !view.needsApproval ? (
        <Spinner label="Sending the tip (inside the site's allowance)…" />
      ) : decide.busy ? (
        <Spinner label="Sending your answer…" />
      ) : (
        <div className="row">
          <button
            type="button"
            onClick={() => void decide.run(false)}
            data-testid="approval-reject"
          >
            {view.error ? 'Close' : 'Reject'}
          </button>
          {!view.error && (
            <button
              type="button"
              className="primary"
              onClick={() => void decide.run(true)}
              disabled={feeUnknown || unconfirmed}
              title={
                unconfirmed
                  ? 'First tick the box above: this site is reported as phishing.'
                  : feeUnknown
                    ? 'Waiting for the fee…'
                    : undefined
              }
              data-testid="approval-approve"
            >
              {view.method === 'zkpay_connect' ? 'Connect' : 'Approve'}
            </button>
          )}
        </div>
      )}
      {view.queued > 0 && (
        <p className="hint" data-testid="approval-queued">
          {view.queued} more {view.queued === 1 ? 'request waits' : 'requests wait'} after this one.
        </p>
      )}
    </Screen>
  )
}
