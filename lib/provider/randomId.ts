/**
 * A random version-4 UUID. `crypto.randomUUID` exists only in secure
 * contexts (https, or http to this computer), and the provider and its
 * content script also run on plain-http pages elsewhere (where the approval
 * window warns about them), so without it the UUID is made from
 * `crypto.getRandomValues`, which every page has.
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
