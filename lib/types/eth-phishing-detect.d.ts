// Minimal typings for the parts of eth-phishing-detect (1.2) the background uses.
declare module 'eth-phishing-detect/src/detector.js' {
  export type PhishingDetectorResult = {
    result: boolean
    /** Legacy configuration (the bundled list): `whitelist`, `blacklist`, `fuzzy` or `all`. */
    type: 'whitelist' | 'blacklist' | 'fuzzy' | 'all' | 'allowlist' | 'blocklist'
    /** For `fuzzy`: the often-imitated site the name is close to. */
    match?: string
  }
  export type LegacyPhishingDetectorConfiguration = {
    whitelist?: string[]
    blacklist?: string[]
    fuzzylist?: string[]
    tolerance?: number
  }
  export default class PhishingDetector {
    constructor(config: LegacyPhishingDetectorConfiguration)
    check(domain: string): PhishingDetectorResult
  }
}
