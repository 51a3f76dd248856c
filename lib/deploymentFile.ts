/**
 * What a deployment file (`deployments/<chain-id>.json`, written by
 * `npm run deploy`) says beyond the contracts' addresses: where wallets reach
 * the chain, the relayers and the indexer, and which trusted setup the
 * verifiers come from. The extension build, the CLI and the relayer read it.
 */

/** The trusted setup of a deployment's verifiers. */
export type DeploymentSetup =
  | { kind: 'development' }
  | { kind: 'ceremony'; transcriptSha256: string }

export type DeploymentServices = {
  /** The RPC wallets use (public: no credentials). */
  rpcUrl?: string
  /** Public RPCs of the same chain, tried in order when `rpcUrl` fails. */
  backupRpcUrls?: string[]
  /** Relayer base URLs, in order of preference. */
  relayers?: string[]
  /** The indexer's base URL, if one runs. */
  indexer?: string
  setup?: DeploymentSetup
  /**
   * Set when verifiers from the development setup were deployed on a chain
   * other than the local 31337 (`--insecure-dev-keys`): anyone can forge
   * proofs against them, so every wallet screen warns.
   */
  insecureDevKeys?: boolean
}

/** The text every wallet shows for a deployment with development keys. */
export const DEV_KEYS_WARNING =
  'This pool uses development keys: anyone can forge proofs and take its tokens. Use test tokens only.'

/**
 * The origins a wallet for this deployment talks to (`https://host/*` match
 * patterns): exactly its RPCs, relayers and indexer. Throws on a URL that is
 * not http(s).
 */
export function deploymentHostPatterns(file: DeploymentServices): string[] {
  const urls = [
    file.rpcUrl,
    ...(file.backupRpcUrls ?? []),
    ...(file.relayers ?? []),
    file.indexer,
  ].filter((u): u is string => typeof u === 'string')
  const patterns = urls.map((url) => {
    const parsed = new URL(url)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new TypeError(`Not an http(s) URL: ${url}`)
    }
    // Match patterns take no port: the host covers every port.
    return `${parsed.protocol}//${parsed.hostname}/*`
  })
  return [...new Set(patterns)]
}
