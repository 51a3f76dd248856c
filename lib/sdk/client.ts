import { ZkpayError } from './errors.js'
import type {
  Eip1193Provider,
  PaymentParams,
  TipParams,
  ZkpayEvents,
  ZkpayMethods,
} from './types.js'

const newKey = () => crypto.randomUUID()

/**
 * A typed client over `window.zkpay`. Every rejection is a {@link ZkpayError}.
 * `pay` and `tip` send an idempotency key (a fresh one unless given): pass
 * your order's id as the key and a repeated call pays the order once.
 */
export function createZkpayClient(provider: Eip1193Provider) {
  async function request<M extends keyof ZkpayMethods>(
    method: M,
    ...params: ZkpayMethods[M]['params'] extends undefined ? [] : [ZkpayMethods[M]['params']]
  ): Promise<ZkpayMethods[M]['result']> {
    const args = params.length > 0 ? { method, params: params[0] } : { method }
    try {
      return (await provider.request(args)) as ZkpayMethods[M]['result']
    } catch (error) {
      throw ZkpayError.from(error)
    }
  }

  return {
    provider,
    request,
    /** Asks the user the first time; later calls answer at once. */
    connect: () => request('zkpay_connect'),
    /** The connected address, or `undefined`; never asks. */
    address: async () => (await request('zkpay_accounts'))[0],
    /** The wallet's chain, as a number. */
    chainId: async () => Number(await request('zkpay_chainId')),
    /** Asks the user each time; resolves with the receipt once the payment is in a block. */
    pay: (params: PaymentParams) =>
      request('zkpay_pay', { ...params, idempotencyKey: params.idempotencyKey ?? newKey() }),
    /** No window while inside the site's allowance (amount + fee); otherwise as `pay`. */
    tip: (params: TipParams) =>
      request('zkpay_tip', { ...params, idempotencyKey: params.idempotencyKey ?? newKey() }),
    requestAllowance: (params: ZkpayMethods['zkpay_requestAllowance']['params']) =>
      request('zkpay_requestAllowance', params),
    allowances: () => request('zkpay_allowances'),
    disconnect: () => request('zkpay_disconnect'),
    /** Listens to one of the wallet's events; returns the function that stops listening. */
    on<E extends keyof ZkpayEvents>(event: E, listener: (data: ZkpayEvents[E]) => void) {
      provider.on(event, listener as (data: never) => void)
      return () => void provider.removeListener(event, listener as (data: never) => void)
    },
  }
}

export type ZkpayClient = ReturnType<typeof createZkpayClient>
