/**
 * What the approval window warns about a site, from its origin and what the
 * wallet knows of it. Pure: the caller says whether the wallet has seen the
 * site before and whether a phishing list names it (the background checks
 * both, see background/phishingList.ts).
 */

/** How a phishing list named a site: on the list itself, or a near copy of a site phishing imitates. */
export type PhishingMatch = { kind: 'listed' } | { kind: 'lookalike'; of: string }

export type SiteWarning =
  /** A phishing list names the site: the window asks for an extra confirmation. */
  | { kind: 'phishing'; match: PhishingMatch }
  /** Plain `http` (or another scheme) on a host other than this computer. */
  | { kind: 'insecure_origin'; scheme: string }
  /** Never connected and no earlier approved request from this origin. */
  | { kind: 'new_site' }

export type SiteWarningKind = SiteWarning['kind']

export type AssessOriginParameters = {
  /** The origin the browser reported (`https://shop.example`, `http://127.0.0.1:8550`). */
  origin: string
  /** Connected now, or some earlier request of this origin was approved. */
  seenBefore: boolean
  /** What the phishing list said; `false` or `undefined`: nothing. */
  isPhishing?: boolean | PhishingMatch
}

/** Hosts that are this computer: plain `http` to them never crosses a network. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

const parse = (origin: string): URL | undefined => {
  try {
    return new URL(origin)
  } catch {
    return undefined
  }
}

/**
 * The origin's host name as a phishing list compares it: lower case, no
 * trailing dot, no port (`undefined` if `origin` is not a URL).
 */
export function originHost(origin: string): string | undefined {
  const host = parse(origin)?.hostname.toLowerCase()
  return host ? host.replace(/\.$/, '') : undefined
}

/** Whether `host` is this computer (`localhost`, a `*.localhost` name, `127.0.0.1`, `[::1]`). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  return LOOPBACK.has(h) || h.endsWith('.localhost')
}

/**
 * Whether what the site shows reaches the user unchanged: `https`, or
 * `http` to this computer. Anything else (or no URL at all) is not.
 */
export function isSecureOrigin(origin: string): boolean {
  const url = parse(origin)
  if (!url) return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && isLoopbackHost(url.hostname)
}

/**
 * The warnings for a request from `origin`, the most serious first:
 * phishing, then an insecure origin, then a site never seen before.
 */
export function assessOrigin({ origin, seenBefore, isPhishing }: AssessOriginParameters): {
  warnings: SiteWarning[]
} {
  const warnings: SiteWarning[] = []
  if (isPhishing)
    warnings.push({
      kind: 'phishing',
      match: isPhishing === true ? { kind: 'listed' } : isPhishing,
    })
  if (!isSecureOrigin(origin))
    warnings.push({
      kind: 'insecure_origin',
      scheme: parse(origin)?.protocol.replace(/:$/, '') ?? 'unknown',
    })
  if (!seenBefore) warnings.push({ kind: 'new_site' })
  return { warnings }
}

/** Whether Approve needs the user's extra confirmation (a phishing warning is there). */
export const needsPhishingConfirmation = (warnings: readonly SiteWarning[] | undefined) =>
  (warnings ?? []).some((w) => w.kind === 'phishing')
