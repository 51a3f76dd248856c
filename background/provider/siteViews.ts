import { formatAmount } from '../../lib/amount.js'
import type { AllowanceRow, SiteRow } from '../db.js'
import type { AllowanceView, SiteView } from '../messages.js'
import type { TokenInfo } from '../tokenInfo.js'
import { currentPeriod, resetsAt } from './allowancePeriod.js'

/** An allowance for the popup: base units, the period as it stands now. */
export function toAllowanceView(row: AllowanceRow, token: TokenInfo, now: number): AllowanceView {
  const current = currentPeriod(row, now)
  return {
    token: row.token,
    symbol: token.symbol,
    decimals: token.decimals,
    amount: current.amount,
    spent: current.spent,
    period: current.period,
    resetsAt: resetsAt(row, now),
  }
}

export async function toSiteView(
  site: SiteRow,
  tokenInfo: (row: AllowanceRow) => Promise<TokenInfo>,
  now: number,
): Promise<SiteView> {
  return {
    origin: site.origin,
    connectedAt: site.connectedAt,
    allowances: await Promise.all(
      site.allowances.map(async (a) => toAllowanceView(a, await tokenInfo(a), now)),
    ),
  }
}

/** The `Allowance` of docs/provider.md: what a site gets, amounts in token units. */
export function toSiteAllowance(view: AllowanceView) {
  return {
    token: view.token,
    amount: formatAmount(BigInt(view.amount), view.decimals),
    spent: formatAmount(BigInt(view.spent), view.decimals),
    period: view.period,
    resetsAt: view.resetsAt,
  }
}
