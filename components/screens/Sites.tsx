import type { AllowanceView, SiteView } from '../../background/messages.js'
import { send } from '../api.js'
import { formatTime, formatUnits } from '../format.js'
import { useAction } from '../hooks/useAction.js'
import { useSites } from '../hooks/useSites.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Screen } from '../ui/Screen.js'
import { Spinner } from '../ui/Spinner.js'

const PER: Record<AllowanceView['period'], string> = {
  hour: 'an hour',
  day: 'a day',
  week: 'a week',
  month: '30 days',
}

function Allowance({ origin, allowance }: { origin: string; allowance: AllowanceView }) {
  const revoke = useAction(() => send('sites.revokeAllowance', { origin, token: allowance.token }))
  const { decimals, symbol } = allowance
  return (
    <div className="stack small" data-testid="site-allowance">
      <div>
        Tips up to{' '}
        <span data-testid="allowance-amount">
          {formatUnits(allowance.amount, decimals)} {symbol}
        </span>{' '}
        {PER[allowance.period]} without asking
      </div>
      <div className="hint">
        spent this period{' '}
        <span data-testid="allowance-spent">
          {formatUnits(allowance.spent, decimals)} {symbol}
        </span>
        , resets {formatTime(allowance.resetsAt)}
      </div>
      <ErrorText error={revoke.error} />
      <button
        type="button"
        className="link"
        onClick={() => void revoke.run()}
        disabled={revoke.busy}
        data-testid="allowance-revoke"
      >
        Revoke the allowance
      </button>
    </div>
  )
}

function Site({ site }: { site: SiteView }) {
  const disconnect = useAction(() => send('sites.disconnect', { origin: site.origin }))
  return (
    <li className="card stack" data-testid="site" data-origin={site.origin}>
      <div className="row spread">
        <strong className="mono" data-testid="site-origin">
          {site.origin}
        </strong>
        <span className="hint small">since {formatTime(site.connectedAt)}</span>
      </div>
      <div className="small hint">Sees your shielded address; may ask for payments.</div>
      {site.allowances.map((a) => (
        <Allowance key={a.token} origin={site.origin} allowance={a} />
      ))}
      <ErrorText error={disconnect.error} />
      <button
        type="button"
        onClick={() => void disconnect.run()}
        disabled={disconnect.busy}
        data-testid="site-disconnect"
      >
        Disconnect
      </button>
    </li>
  )
}

/** The sites connected to the wallet, what each may do, and the way to stop it. */
export function Sites({ onBack }: { onBack(): void }) {
  const { sites, error } = useSites()
  return (
    <Screen title="Sites" onBack={onBack} testId="screen-sites">
      <ErrorText error={error} />
      {!sites && !error && <Spinner label="Reading the connected sites…" />}
      {sites?.length === 0 && (
        <p className="hint" data-testid="sites-empty">
          No site is connected. A site asks with zkpay_connect, and you approve it.
        </p>
      )}
      {sites && sites.length > 0 && (
        <ul className="stack plain" data-testid="sites-list">
          {sites.map((site) => (
            <Site key={site.origin} site={site} />
          ))}
        </ul>
      )}
    </Screen>
  )
}
