// The page of tests/browser/viemClient.test.ts: a site that reaches zkpay
// the way Ethereum sites reach wallets, with viem's custom() transport over
// window.zkpay and mipd's EIP-6963 store, bundled for the page by esbuild.
import { createStore } from 'mipd'
import { createWalletClient, custom } from 'viem'

type Eip1193 = { request(args: { method: string; params?: unknown }): Promise<unknown> }

/** What a call ended with, as the test reads it back. */
export type ViemOutcome =
  | { ok: true; result: unknown; sent: number }
  | { ok: false; name: string; code: unknown; reason: unknown; sent: number }

const zkpay = (window as unknown as { zkpay: Eip1193 }).zkpay
/** How many times viem handed each named call to window.zkpay. */
const sent = new Map<string, number>()

/** A site's wallet client (viem's defaults: 3 retries) that counts what it sends for `name`. */
const clientFor = (name: string) =>
  createWalletClient({
    transport: custom({
      request(args: { method: string; params?: unknown }) {
        sent.set(name, (sent.get(name) ?? 0) + 1)
        return zkpay.request(args)
      },
    }),
  })
const calls = new Map<string, Promise<ViemOutcome>>()
const store = createStore()

const harness = {
  /** Starts `method` through viem under `name` (an approval window may need clicking first). */
  start(name: string, method: string, params?: unknown, json?: string) {
    const request = clientFor(name).request as (args: {
      method: string
      params?: unknown
    }) => Promise<unknown>
    const p = request({ method, params: json === undefined ? params : JSON.parse(json) })
    calls.set(
      name,
      p.then(
        (result) => ({ ok: true as const, result, sent: sent.get(name) ?? 0 }),
        (error: { name?: string; code?: unknown; cause?: { data?: { reason?: unknown } } }) => ({
          ok: false as const,
          name: error?.name ?? 'unknown',
          code: error?.code,
          reason: error?.cause?.data?.reason,
          sent: sent.get(name) ?? 0,
        }),
      ),
    )
  },
  answer: (name: string) => calls.get(name),
  /** What mipd's store found: each provider's info, and whether it is window.zkpay. */
  providers: () =>
    store.getProviders().map((p) => ({ info: { ...p.info }, isZkpay: p.provider === zkpay })),
}

;(window as unknown as { viemHarness: typeof harness }).viemHarness = harness
