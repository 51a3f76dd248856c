import config from 'eth-phishing-detect/src/config.json'
import PhishingDetector from 'eth-phishing-detect/src/detector.js'
import { originHost, type PhishingMatch } from '../../lib/siteSafety.js'

// eth-phishing-detect's bundled list (about 15,000 names, some 370 KB): it is
// read here, in the service worker, and never in a page.

let detector: PhishingDetector | undefined
const seen = new Map<string, PhishingMatch | false>()

/**
 * Whether eth-phishing-detect's bundled list names the host of `origin`:
 * listed (the host or a parent domain), or so close to a site that phishing
 * imitates that the list treats it as a copy. A host the list allows is
 * `false`, and so is anything that is not a URL.
 */
export function phishingMatch(origin: string): PhishingMatch | false {
  const host = originHost(origin)
  if (!host) return false
  const known = seen.get(host)
  if (known !== undefined) return known
  detector ??= new PhishingDetector(config)
  const { result, type, match } = detector.check(host)
  const verdict: PhishingMatch | false = !result
    ? false
    : type === 'fuzzy' && match
      ? { kind: 'lookalike', of: match }
      : { kind: 'listed' }
  if (seen.size > 500) seen.clear()
  seen.set(host, verdict)
  return verdict
}
