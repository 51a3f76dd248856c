import type { Eip1193Provider, ProviderInfo } from './types.js'

/** The reverse-DNS name the zkpay extension announces itself under (EIP-6963). */
export const ZKPAY_RDNS = 'xyz.zkpay'

export type DiscoveredWallet = { info?: ProviderInfo; provider: Eip1193Provider }

type Detail = { info?: ProviderInfo; provider?: Eip1193Provider } | undefined

/**
 * Finds the zkpay wallet in this page: `window.zkpay` (defined before page
 * scripts run), else the provider announced under EIP-6963 with rdns
 * `xyz.zkpay` (or zkpay's own `zkpay:announceProvider`) within `timeoutMs`.
 * `undefined` when the extension is not there.
 */
export function discoverZkpay(
  options: { timeoutMs?: number; target?: Window } = {},
): Promise<DiscoveredWallet | undefined> {
  const target = options.target ?? window
  const existing = (target as { zkpay?: Eip1193Provider }).zkpay
  if (existing) return Promise.resolve({ provider: existing })
  return new Promise((resolve) => {
    const events = ['eip6963:announceProvider', 'zkpay:announceProvider']
    const done = (found: DiscoveredWallet | undefined) => {
      clearTimeout(timer)
      for (const name of events) target.removeEventListener(name, onAnnounce)
      resolve(found)
    }
    const onAnnounce = (event: Event) => {
      const detail = (event as CustomEvent).detail as Detail
      if (detail?.info?.rdns === ZKPAY_RDNS && detail.provider)
        done({ info: detail.info, provider: detail.provider })
    }
    const timer = setTimeout(() => done(undefined), options.timeoutMs ?? 500)
    for (const name of events) target.addEventListener(name, onAnnounce)
    target.dispatchEvent(new Event('eip6963:requestProvider'))
    target.dispatchEvent(new Event('zkpay:requestProvider'))
  })
}
