import type { ZkpayProvider } from './createProvider.js'
import { randomId } from './randomId.js'

/**
 * Discovery (docs/provider.md): EIP-6963's events, so that `mipd` and the
 * libraries on it list zkpay (its `eth_*` answers are 4200, so an Ethereum
 * dapp fails cleanly), and zkpay's own, for sites that look for zkpay alone.
 */
export const EIP6963_ANNOUNCE_EVENT = 'eip6963:announceProvider'
export const EIP6963_REQUEST_EVENT = 'eip6963:requestProvider'
export const ANNOUNCE_EVENT = 'zkpay:announceProvider'
export const REQUEST_EVENT = 'zkpay:requestProvider'

/** The reverse-DNS name zkpay announces itself under. */
export const ZKPAY_RDNS = 'xyz.zkpay'

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
 * Announces `provider` now under both event names, and again on every
 * request event (each answered under its own name), with one frozen detail
 * whose uuid is fresh for this page load.
 */
export function announceProvider(target: EventTarget, provider: ZkpayProvider): ProviderDetail {
  const info: ProviderInfo = Object.freeze({
    uuid: randomId(),
    name: 'zkpay',
    icon,
    rdns: ZKPAY_RDNS,
  })
  const detail: ProviderDetail = Object.freeze({ info, provider })
  for (const [announce, request] of [
    [EIP6963_ANNOUNCE_EVENT, EIP6963_REQUEST_EVENT],
    [ANNOUNCE_EVENT, REQUEST_EVENT],
  ] as const) {
    const send = () => target.dispatchEvent(new CustomEvent(announce, { detail }))
    target.addEventListener(request, send)
    send()
  }
  return detail
}
