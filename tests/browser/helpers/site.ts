import type { BrowserContext, Page } from 'playwright-core'

/** What a page's `window.zkpay.request` settled with, as the test reads it back. */
export type PageAnswer =
  | { ok: true; result: unknown }
  | { ok: false; code: unknown; message: unknown; reason: unknown }

type ZkpayWindow = {
  zkpay: { request(args: { method: string; params?: unknown }): Promise<unknown> }
  zkpayCalls?: Record<string, Promise<PageAnswer>>
}

/**
 * Starts `window.zkpay.request` in the page under `name` without waiting for
 * it (an approval window may need clicking first); `answer(page, name)`
 * waits for it.
 */
export async function startRequest(page: Page, name: string, method: string, params?: unknown) {
  await page.evaluate(
    ([name, method, params]) => {
      const w = window as unknown as ZkpayWindow
      w.zkpayCalls ??= {}
      w.zkpayCalls[name] = w.zkpay.request({ method, params }).then(
        (result) => ({ ok: true as const, result }),
        (error: { code?: unknown; message?: unknown; data?: { reason?: unknown } }) => ({
          ok: false as const,
          code: error?.code,
          message: error?.message,
          reason: error?.data?.reason,
        }),
      )
    },
    [name, method, params] as const,
  )
}

export function answer(page: Page, name: string, timeout = 120_000): Promise<PageAnswer> {
  return page.evaluate(
    ([name, timeout]) => {
      const call = (window as unknown as ZkpayWindow).zkpayCalls?.[name]
      if (!call) throw new Error(`no request named ${name}`)
      return Promise.race([
        call,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`${name} got no answer in ${timeout} ms`)), timeout),
        ),
      ])
    },
    [name, timeout] as const,
  )
}

/** One request from the page, waited for. */
export async function pageRequest(page: Page, method: string, params?: unknown) {
  const name = `call-${Math.random().toString(36).slice(2)}`
  await startRequest(page, name, method, params)
  return answer(page, name)
}

/** The result of an answer, or a thrown error naming its code. */
export function resultOf(a: PageAnswer): unknown {
  if (!a.ok) throw new Error(`expected a result, got ${String(a.code)}: ${String(a.message)}`)
  return a.result
}

/** Waits for the next approval window the extension opens. */
export async function nextApproval(context: BrowserContext, timeout = 30_000): Promise<Page> {
  const open = context.pages().find((p) => p.url().includes('/approval.html'))
  const page =
    open ??
    (await context.waitForEvent('page', {
      predicate: (p) => p.url().includes('/approval.html'),
      timeout,
    }))
  await page.waitForLoadState('domcontentloaded')
  return page
}

/** The approval windows open now. */
export const openApprovals = (context: BrowserContext) =>
  context.pages().filter((p) => p.url().includes('/approval.html') && !p.isClosed())

/**
 * Clicks Approve or Reject in an approval window. The background closes the
 * window as soon as it has the answer, often before the click returns.
 */
export async function decide(window: Page, choice: 'approve' | 'reject'): Promise<void> {
  await window.locator(`[data-testid="approval-${choice}"]`).waitFor()
  await window
    .locator(`[data-testid="approval-${choice}"]`)
    .click({ noWaitAfter: true })
    .catch((error: Error) => {
      if (!window.isClosed() && !/closed/i.test(error.message)) throw error
    })
}

/** Waits until the approval window says the payment's proof is made (only sending is left). */
export async function waitForProofReady(window: Page, timeout = 90_000): Promise<void> {
  await window.waitForFunction(
    () =>
      /Proof ready/.test(
        document.querySelector('[data-testid="approval-proof"]')?.textContent ?? '',
      ),
    undefined,
    { timeout },
  )
}
