import { ShieldAlert } from 'lucide-react'
import type { SiteWarning } from '../../lib/siteSafety.js'

/**
 * The site's origin, large, at the top of the approval window: the one thing
 * to check before saying yes: red on a phishing list, amber for plain http.
 */
export function SiteOrigin({ origin, warnings }: { origin: string; warnings: SiteWarning[] }) {
  const tone = warnings.some((w) => w.kind === 'phishing')
    ? ' danger'
    : warnings.some((w) => w.kind === 'insecure_origin')
      ? ' insecure'
      : ''
  return (
    <section className="site-origin" aria-label="The site asking">
      <span className="site-origin-label">Request from</span>
      <strong className={`site-origin-value mono${tone}`} data-testid="approval-origin">
        {origin}
      </strong>
    </section>
  )
}

/**
 * What the wallet warns about the site, most serious first. A phishing
 * warning is an alert, and its checkbox is what Approve waits for.
 */
export function SiteWarnings({
  warnings,
  confirmed,
  onConfirm,
  decided,
}: {
  warnings: SiteWarning[]
  /** The phishing checkbox's state (ApprovalApp keeps it). */
  confirmed: boolean
  onConfirm: (confirmed: boolean) => void
  /** Answered already: the checkbox is gone, the warnings stay. */
  decided?: boolean
}) {
  if (warnings.length === 0) return null
  return (
    <div className="stack" data-testid="approval-warnings">
      {warnings.map((w) => {
        switch (w.kind) {
          case 'phishing':
            return (
              <div
                key={w.kind}
                className="danger-box"
                role="alert"
                data-testid="approval-warning-phishing"
              >
                <p className="danger-title">
                  <ShieldAlert className="danger-icon" size={18} aria-hidden />
                  Warning: this site is reported as phishing
                </p>
                <p>
                  {w.match.kind === 'lookalike'
                    ? `Its name is very close to ${w.match.of}, a site that scammers copy. Fake sites like this one pretend to be real ones to take your money.`
                    : 'It is on a public list of fake sites that pretend to be real ones to take your money.'}{' '}
                  Unless you are sure, reject this request and close the page.
                </p>
                {!decided && (
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={confirmed}
                      onChange={(e) => onConfirm(e.target.checked)}
                      data-testid="approval-phishing-confirm"
                    />
                    I understand this site is reported as phishing, and I still want to go on.
                  </label>
                )}
              </div>
            )
          case 'insecure_origin':
            return (
              <p key={w.kind} className="warning" data-testid="approval-warning-insecure">
                This site does not use a secure connection (its address starts with{' '}
                <span className="mono">{w.scheme}://</span>, not https://). Someone on your network
                could change what it shows you or what it asks for.
              </p>
            )
          case 'new_site':
            return (
              <p key={w.kind} className="warning" data-testid="approval-warning-new-site">
                You have not used this site with zkpay before. Check that the address above is the
                one you meant: fake sites use names that look like real ones.
              </p>
            )
          default:
            return null
        }
      })}
    </div>
  )
}
