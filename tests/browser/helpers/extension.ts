import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import type {
  MessageResponse,
  PopupRequests,
  PopupRequestType,
} from '../../../background/messages.js'
import { chromiumPath, extensionDir } from './paths.js'

export type ExtensionBrowser = {
  context: BrowserContext
  extensionId: string
  /** A tab showing the popup page at the popup's size. */
  openPopup(): Promise<Page>
  /** Sends a request to the background from an extension page, as the popup does. */
  request<T extends PopupRequestType>(
    page: Page,
    type: T,
    data?: PopupRequests[T]['data'],
  ): Promise<MessageResponse<T>>
  /** Stops every service worker through the DevTools protocol (what Chrome does to an idle one). */
  stopServiceWorkers(page: Page): Promise<void>
  close(): Promise<void>
}

type ExtensionGlobals = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }

/**
 * Debian's Chromium, headless, with the built extension loaded into a fresh
 * profile. The extension id comes from its service worker's URL. `args` adds
 * command-line switches (say, `--host-resolver-rules` to serve a test page
 * under some host name).
 */
export async function launchExtension(
  dir = extensionDir,
  { args = [] }: { args?: string[] } = {},
): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'zkpay-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 360, height: 600 },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...args,
    ],
  })
  // Waits for UI state; slow steps (proofs, blocks) pass their own timeout.
  context.setDefaultTimeout(15_000)
  try {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith('chrome-extension://'),
        timeout: 20_000,
      }))
    const extensionId = new URL(worker.url()).host
    return {
      context,
      extensionId,
      async openPopup() {
        const page = await context.newPage()
        await page.setViewportSize({ width: 360, height: 600 })
        await page.goto(`chrome-extension://${extensionId}/popup.html`)
        return page
      },
      request: <T extends PopupRequestType>(page: Page, type: T, data?: PopupRequests[T]['data']) =>
        page.evaluate(
          ([type, data]) =>
            (globalThis as unknown as ExtensionGlobals).chrome.runtime.sendMessage({ type, data }),
          [type, data] as const,
        ) as Promise<MessageResponse<T>>,
      async stopServiceWorkers(page) {
        const cdp = await context.newCDPSession(page)
        await cdp.send('ServiceWorker.enable')
        await cdp.send('ServiceWorker.stopAllWorkers')
        await cdp.detach()
      },
      async close() {
        await context.close()
        await rm(profile, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await context.close()
    await rm(profile, { recursive: true, force: true })
    throw error
  }
}
