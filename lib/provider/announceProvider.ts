import type { ZkpayProvider } from './createProvider.js'

/** EIP-6963-style discovery, under zkpay's own event names (docs/provider.md). */
export const ANNOUNCE_EVENT = 'zkpay:announceProvider'
export const REQUEST_EVENT = 'zkpay:requestProvider'

export type ProviderInfo = { uuid: string; name: string; icon: string; rdns: string }
export type ProviderDetail = { info: ProviderInfo; provider: ZkpayProvider }

const icon =
  'data:image/svg+xml;base64,' +
  btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#3b43d6"/><path d="M9 10h14l-14 12h14" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  )

/** The page-facing part of `window` that discovery uses. */
type EventTarget = {
  addEventListener(type: string, listener: () => void): void
  dispatchEvent(event: Event): boolean
}

/**
 * Announces `provider` now and again on every `zkpay:requestProvider`, with
 * a frozen detail whose uuid is fresh for this page load.
 */
export function announceProvider(target: EventTarget, provider: ZkpayProvider): ProviderDetail {
  const info: ProviderInfo = Object.freeze({
    uuid: crypto.randomUUID(),
    name: 'zkpay',
    icon,
    rdns: 'dev.zkpay',
  })
  const detail: ProviderDetail = Object.freeze({ info, provider })
  const announce = () => target.dispatchEvent(new CustomEvent(ANNOUNCE_EVENT, { detail }))
  target.addEventListener(REQUEST_EVENT, announce)
  announce()
  return detail
}
