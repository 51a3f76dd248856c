import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { screensDir } from './paths.js'

/** Saves what the popup shows now as test-artifacts/screens/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screensDir, { recursive: true })
  await page.screenshot({ path: join(screensDir, `${name}.png`), fullPage: true })
}

/** The element with `data-testid`. */
export const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`)

/**
 * Creates a wallet through the onboarding screens: password twice, the phrase
 * (read off the screen), then the three words the confirmation asks for.
 * Returns the phrase. With `shots`, saves each screen.
 */
export async function createWalletInPopup(
  page: Page,
  password: string,
  shots = false,
): Promise<string[]> {
  await byTestId(page, 'onboarding-create').click()
  if (shots) await screenshot(page, '02-create-password')
  await byTestId(page, 'password').fill(password)
  await byTestId(page, 'password-repeat').fill(password)
  await byTestId(page, 'password-submit').click()
  await byTestId(page, 'phrase').waitFor({ timeout: 60_000 })
  if (shots) await screenshot(page, '03-phrase')
  const words = await byTestId(page, 'phrase').locator('li').allTextContents()
  await byTestId(page, 'phrase-written').check()
  await byTestId(page, 'phrase-next').click()
  await fillConfirmation(page, words)
  if (shots) await screenshot(page, '04-confirm-phrase')
  await byTestId(page, 'confirm-submit').click()
  await byTestId(page, 'screen-home').waitFor({ timeout: 30_000 })
  return words
}

/** Types the requested words of `words` into the confirmation form. */
export async function fillConfirmation(page: Page, words: string[]): Promise<void> {
  const inputs = byTestId(page, 'confirm-phrase').locator('input')
  await inputs.first().waitFor()
  for (const input of await inputs.all()) {
    const position = Number((await input.getAttribute('data-testid'))?.replace('confirm-word-', ''))
    await input.fill(words[position - 1] ?? '')
  }
}

/** Unlocks with `password` and waits for Home. */
export async function unlockInPopup(page: Page, password: string): Promise<void> {
  await byTestId(page, 'unlock-password').fill(password)
  await byTestId(page, 'unlock-submit').click()
  await byTestId(page, 'screen-home').waitFor({ timeout: 30_000 })
}

/** Waits until the element with `data-testid` shows exactly `text`. */
export async function waitForText(page: Page, testId: string, text: string, timeout = 30_000) {
  try {
    await page.waitForFunction(
      ([id, expected]) =>
        document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === expected,
      [testId, text] as const,
      { timeout },
    )
  } catch (error) {
    const shown = await byTestId(page, testId)
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => '(not on screen)')
    throw new Error(`Expected [data-testid="${testId}"] to show "${text}"; it shows "${shown}".`, {
      cause: error,
    })
  }
}

/** Records every background event the page receives into `globalThis.seenEvents`. */
export async function recordEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      seenEvents?: unknown[]
      chrome: { runtime: { onMessage: { addListener(l: (m: unknown) => void): void } } }
    }
    if (g.seenEvents) return
    g.seenEvents = []
    g.chrome.runtime.onMessage.addListener((message) => {
      g.seenEvents?.push(message)
    })
  })
}

/** The events {@link recordEvents} saw so far. */
export function seenEvents(
  page: Page,
): Promise<{ event: string; data?: Record<string, unknown> }[]> {
  return page.evaluate(
    () => (globalThis as unknown as { seenEvents?: [] }).seenEvents ?? [],
  ) as Promise<{ event: string; data?: Record<string, unknown> }[]>
}

/**
 * Sends the filled Send form through its review: clicks Review
 * (`send-submit`), waits for the review and clicks Confirm.
 */
export async function confirmSend(page: Page, timeout = 30_000): Promise<void> {
  await byTestId(page, 'send-submit').click()
  await byTestId(page, 'send-review').waitFor({ timeout })
  await byTestId(page, 'review-confirm').click()
}
