import { encodeAddress } from '../../lib/address.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'

/** Polls `read` until it returns something truthy (every 25 ms, for at most `ms`). */
export async function until<T>(read: () => Promise<T | undefined> | T | undefined, ms = 60_000) {
  const end = Date.now() + ms
  for (;;) {
    const value = await read()
    if (value) return value
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** The request id of the approval window a background has open now (waits for one). */
export const openWindowOf = (background: { windows: { urls(): string[] } }) =>
  until(() => {
    const url = background.windows.urls()[0]
    return url ? new URL(url, 'chrome-extension://x/').searchParams.get('request') : undefined
  })

/** A fresh shielded address nobody here holds the keys of. */
export function someoneElse(): string {
  const keys = deriveKeys(generateMnemonic())
  return encodeAddress({ ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey })
}
