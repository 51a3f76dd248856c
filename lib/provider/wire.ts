import type { ProviderErrorJson } from './providerErrors.js'

// The messages between the three places a provider request passes:
// page (main world) ⇄ content script (window.postMessage), and
// content script ⇄ background (a runtime port named PROVIDER_PORT).
// Both hops carry opaque params; only the background parses them.

/** The runtime port a content script opens to the background. */
export const PROVIDER_PORT = 'zkpay-provider'

/** Marks window messages meant for the content script / for the page. */
export const TO_CONTENT = 'zkpay:to-content'
export const TO_PAGE = 'zkpay:to-page'

/** Events a page can listen to. */
export const providerEvents = ['connect', 'disconnect', 'paymentSettled'] as const
export type ProviderEventName = (typeof providerEvents)[number]

/** Page → content script. `id` is the page's own, unique within the page. */
export type PageRequest = {
  target: typeof TO_CONTENT
  id: string
  method: string
  params?: unknown
}

/** Content script → page. */
export type PageReply =
  | { target: typeof TO_PAGE; id: string; result: unknown }
  | { target: typeof TO_PAGE; id: string; error: ProviderErrorJson }
  | { target: typeof TO_PAGE; event: ProviderEventName; data: unknown }

/**
 * Content script → background. `id` is made by the content script (a UUID)
 * and names the request in the wallet's database. After a service-worker
 * restart the content script sends `resume` with the same request: the
 * background answers the stored request if it has it, or takes it as new
 * if it never got that far (nothing had happened for it yet).
 */
export type BridgeRequest = {
  type: 'request' | 'resume'
  id: string
  method: string
  params?: unknown
}

/** Background → content script. */
export type BridgeReply =
  | { type: 'response'; id: string; result: unknown }
  | { type: 'response'; id: string; error: ProviderErrorJson }
  | { type: 'event'; event: ProviderEventName; data: unknown }

/** Largest params a request may carry, as JSON (a payment's are under 400 bytes). */
export const MAX_PARAMS_BYTES = 8 * 1024
