import {
  createWalletClient,
  custom,
  InvalidInputRpcError,
  InvalidParamsRpcError,
  ProviderDisconnectedError,
  ResourceUnavailableRpcError,
  TransactionRejectedRpcError,
  UnauthorizedProviderError,
  UnsupportedProviderMethodError,
  UserRejectedRequestError,
} from 'viem'
import { describe, expect, it } from 'vitest'
import {
  type ProviderErrorReason,
  ProviderRpcError,
  providerErrorCodes,
} from '../../../lib/provider/providerErrors.js'

// Every error the wallet can answer, as a site's viem client sees it: the
// class it becomes, and that viem sends the request once (a retried
// zkpay_tip is a second tip). The Chromium test (tests/browser/viemClient)
// does the same through the built extension for the errors a page can cause.

const expected: Record<ProviderErrorReason, abstract new (...args: never[]) => Error> = {
  user_rejected: UserRejectedRequestError,
  unauthorized: UnauthorizedProviderError,
  wallet_locked: UnauthorizedProviderError,
  unsupported_method: UnsupportedProviderMethodError,
  disconnected: ProviderDisconnectedError,
  invalid_params: InvalidParamsRpcError,
  request_pending: ResourceUnavailableRpcError,
  insufficient_balance: InvalidInputRpcError,
  proof_failed: TransactionRejectedRpcError,
  relay_failed: TransactionRejectedRpcError,
  internal: TransactionRejectedRpcError,
}

describe("the wallet's error codes through viem's custom() transport", () => {
  for (const reason of Object.keys(providerErrorCodes) as ProviderErrorReason[]) {
    it(`${reason} (${providerErrorCodes[reason]}) is ${expected[reason].name}, sent once`, async () => {
      let calls = 0
      const client = createWalletClient({
        transport: custom({
          async request() {
            calls++
            // What window.zkpay rejects with: the page's ProviderRpcError, rebuilt from JSON.
            throw ProviderRpcError.fromJson(new ProviderRpcError(reason, `a ${reason}`).toJson())
          },
        }),
      })
      const error = await client
        .request({ method: 'zkpay_tip' as 'eth_chainId', params: undefined as never })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(expected[reason])
      expect(calls).toBe(1)
      const cause = (error as { cause?: { data?: { reason?: string }; code?: number } }).cause
      expect(cause?.data?.reason).toBe(reason)
      expect((error as { code?: number }).code).toBe(providerErrorCodes[reason])
    })
  }

  it('no code is one viem retries or reads as something else', () => {
    const retried = [-1, -32603, -32005, -32007, 429, 5000, 5001, 5002, 5003]
    for (const code of Object.values(providerErrorCodes)) expect(retried).not.toContain(code)
  })
})
