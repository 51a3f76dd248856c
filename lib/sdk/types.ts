// What `window.zkpay` takes and gives, typed from docs/provider.md: a site
// only ever has the document, so these types are written against it.

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

export type AllowancePeriod = 'hour' | 'day' | 'week' | 'month'

export type Allowance = {
  token: string
  /** Per period, token units. */
  amount: string
  /** This period (amounts and fees of the tips sent without a window), token units. */
  spent: string
  period: AllowancePeriod
  /** Ms since the epoch. */
  resetsAt: number
}

export type PoolInfo = { pool: string; token: string; symbol: string; decimals: number }

export type ConnectResult = { address: string; chainId: string; pools: PoolInfo[] }

export type PaymentParams = {
  /** The recipient's shielded address (`zkpay1…`). */
  to: string
  /** Token units, as a decimal string (`"1.25"`). */
  amount: string
  /** The token's contract address. */
  token: string
  /** At most 64 bytes of UTF-8, encrypted to the recipient. */
  memo?: string
  /** Names the payment: a request repeated with the same key pays once. At most 64 printable ASCII characters. */
  idempotencyKey?: string
}

export type TipParams = PaymentParams & {
  /** `false`: fail (4100) rather than open a window. Default `true`. */
  prompt?: boolean
}

/** Each method's params and result. */
export type ZkpayMethods = {
  zkpay_connect: { params: undefined; result: ConnectResult }
  zkpay_accounts: { params: undefined; result: string[] }
  zkpay_chainId: { params: undefined; result: string }
  zkpay_pay: { params: PaymentParams; result: ReceiptJson }
  zkpay_tip: { params: TipParams; result: ReceiptJson }
  zkpay_requestAllowance: {
    params: { token: string; amount: string; period: AllowancePeriod }
    result: Allowance
  }
  zkpay_allowances: { params: undefined; result: Allowance[] }
  zkpay_disconnect: { params: undefined; result: true }
}

export type ZkpayEvents = {
  connect: { chainId: string }
  disconnect: { code: number; message: string }
  paymentSettled: { method: 'zkpay_pay' | 'zkpay_tip'; receipt: ReceiptJson }
}

/** `window.zkpay`, EIP-1193 in shape. */
export type Eip1193Provider = {
  request(args: { method: string; params?: unknown }): Promise<unknown>
  on(event: string, listener: (data: never) => void): unknown
  removeListener(event: string, listener: (data: never) => void): unknown
}

/** What EIP-6963 announces. */
export type ProviderInfo = { uuid: string; name: string; icon: string; rdns: string }
