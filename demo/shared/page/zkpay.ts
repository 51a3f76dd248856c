/**
 * The parts of `window.zkpay` the demo pages use, typed from docs/provider.md.
 * Written against the document, not the extension's code: a site only ever
 * has the document.
 */

/** A receipt as the wallet resolves it: bigints as decimal strings, amounts in base units. */
export type ReceiptJson = {
  version: 1
  chainId: number
  pool: string
  txHash: string
  blockNumber: string
  commitment: string
  leafIndex: number
  amount: string
  blinding: string
  memo?: string
}

export type Allowance = {
  token: string
  /** Per period, token units. */
  amount: string
  /** This period, token units. */
  spent: string
  period: 'hour' | 'day' | 'week' | 'month'
  /** Ms since the epoch. */
  resetsAt: number
}

export type ConnectResult = {
  address: string
  chainId: number | string
  pools: { pool: string; token: string; symbol: string; decimals: number }[]
}

type PaymentParams = { to: string; amount: string; token: string; memo?: string }

/** Each method's params and result. */
export type ZkpayMethods = {
  zkpay_connect: { params: undefined; result: ConnectResult }
  zkpay_accounts: { params: undefined; result: string[] }
  zkpay_chainId: { params: undefined; result: string }
  zkpay_pay: { params: PaymentParams; result: ReceiptJson }
  zkpay_tip: { params: PaymentParams & { prompt?: boolean }; result: ReceiptJson }
  zkpay_requestAllowance: {
    params: { token: string; amount: string; period: Allowance['period'] }
    result: Allowance
  }
  zkpay_allowances: { params: undefined; result: Allowance[] }
  zkpay_disconnect: { params: undefined; result: true }
}

export type ZkpayEvents = {
  connect: { chainId: string | number }
  disconnect: { code: number; message: string }
  paymentSettled: { method: 'zkpay_pay' | 'zkpay_tip'; receipt: ReceiptJson }
}

export type ZkpayProvider = {
  request(args: { method: string; params?: unknown }): Promise<unknown>
  on(event: string, listener: (data: never) => void): unknown
  removeListener(event: string, listener: (data: never) => void): unknown
}

/** A typed `provider.request`. */
export function request<M extends keyof ZkpayMethods>(
  provider: ZkpayProvider,
  method: M,
  ...params: ZkpayMethods[M]['params'] extends undefined ? [] : [ZkpayMethods[M]['params']]
): Promise<ZkpayMethods[M]['result']> {
  const args = params.length > 0 ? { method, params: params[0] } : { method }
  return provider.request(args) as Promise<ZkpayMethods[M]['result']>
}

/** A typed `provider.on`. */
export function on<E extends keyof ZkpayEvents>(
  provider: ZkpayProvider,
  event: E,
  listener: (data: ZkpayEvents[E]) => void,
): void {
  provider.on(event, listener as (data: never) => void)
}

/**
 * `window.zkpay`, or the provider announced in answer to
 * `zkpay:requestProvider` within `timeoutMs`, or `undefined` when the
 * extension is not there. The extension defines `window.zkpay` before any
 * page script runs, so the wait only matters if it was loaded late.
 */
export function findProvider(timeoutMs = 500): Promise<ZkpayProvider | undefined> {
  const existing = (window as { zkpay?: ZkpayProvider }).zkpay
  if (existing) return Promise.resolve(existing)
  return new Promise((resolve) => {
    const done = (provider: ZkpayProvider | undefined) => {
      clearTimeout(timer)
      window.removeEventListener('zkpay:announceProvider', onAnnounce)
      resolve(provider)
    }
    const onAnnounce = (event: Event) => {
      const detail = (event as CustomEvent).detail
      if (detail?.info?.rdns === 'dev.zkpay' && detail.provider) done(detail.provider)
    }
    const timer = setTimeout(() => done(undefined), timeoutMs)
    window.addEventListener('zkpay:announceProvider', onAnnounce)
    window.dispatchEvent(new Event('zkpay:requestProvider'))
  })
}
