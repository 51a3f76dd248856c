import { createZkpayClient, discoverZkpay } from '../../../lib/sdk/index.js'
import type { Eip1193Provider, ZkpayEvents, ZkpayMethods } from '../../../lib/sdk/types.js'

// The demo pages reach the wallet through the site SDK (lib/sdk): what any
// site would use, written against docs/provider.md only.

export type {
  Allowance,
  ConnectResult,
  ReceiptJson,
  ZkpayEvents,
  ZkpayMethods,
} from '../../../lib/sdk/types.js'

export type ZkpayProvider = Eip1193Provider

const clients = new WeakMap<ZkpayProvider, ReturnType<typeof createZkpayClient>>()

/** The SDK's client for `provider` (one per provider). */
export function clientOf(provider: ZkpayProvider) {
  let client = clients.get(provider)
  if (!client) {
    client = createZkpayClient(provider)
    clients.set(provider, client)
  }
  return client
}

/** A typed `provider.request`; rejections are the SDK's `ZkpayError` (code, reason). */
export function request<M extends keyof ZkpayMethods>(
  provider: ZkpayProvider,
  method: M,
  ...params: ZkpayMethods[M]['params'] extends undefined ? [] : [ZkpayMethods[M]['params']]
): Promise<ZkpayMethods[M]['result']> {
  return clientOf(provider).request(method, ...params)
}

/** A typed `provider.on`. */
export function on<E extends keyof ZkpayEvents>(
  provider: ZkpayProvider,
  event: E,
  listener: (data: ZkpayEvents[E]) => void,
): void {
  clientOf(provider).on(event, listener)
}

/** The wallet, found by the SDK (`window.zkpay` or EIP-6963), or `undefined` when it is not there. */
export async function findProvider(timeoutMs = 500): Promise<ZkpayProvider | undefined> {
  return (await discoverZkpay({ timeoutMs }))?.provider
}
