import type { ThemeChoice } from '../background/messages.js'

/** Where the last choice is kept, so a page opens in it before the background answers. */
const KEY = 'zkpay.theme'

const systemDark = () => window.matchMedia?.('(prefers-color-scheme: dark)')
let following: (() => void) | undefined

/**
 * Puts the theme on `<html data-theme="light|dark">`, the one place the tokens
 * (entrypoints/popup/tokens.css) read it: `choice`, or for `system` the
 * system's (`prefers-color-scheme`), followed while it changes.
 */
export function applyTheme(choice: ThemeChoice | undefined): void {
  const root = document.documentElement
  following?.()
  following = undefined
  if (!choice || choice === 'system') {
    const query = systemDark()
    const apply = () => {
      root.dataset.theme = query?.matches ? 'dark' : 'light'
    }
    apply()
    query?.addEventListener('change', apply)
    following = () => query?.removeEventListener('change', apply)
  } else root.dataset.theme = choice
  try {
    localStorage.setItem(KEY, choice ?? 'system')
  } catch {
    // Storage refused: the page still follows the settings once they arrive.
  }
}

/** The choice the extension's pages last applied. */
export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}
