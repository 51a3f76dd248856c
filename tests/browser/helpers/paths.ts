import { resolve } from 'node:path'

/** The repository root. */
export const root = resolve(import.meta.dirname, '../../..')
/** Where `wxt build` writes the unpacked Chrome extension. */
export const extensionDir = resolve(root, '.output/chrome-mv3')
/** Debian's Chromium; the browser tests use no other browser. */
export const chromiumPath = process.env.ZKPAY_CHROMIUM ?? '/usr/bin/chromium'
/** Screenshots of the popup's main screens. */
export const screensDir = resolve(root, 'test-artifacts/screens')
