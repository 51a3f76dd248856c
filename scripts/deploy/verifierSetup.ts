/**
 * Which trusted setup the verifiers `npm run deploy` would deploy come from.
 * The circuits' manifest (public/circuits/manifest.json) records the sha256
 * of each generated verifier; a setup counts as a real ceremony only when the
 * manifest says so and names the ceremony transcript's hash. Anything else,
 * including the development setup `npm run build:circuits` makes, is
 * development keys: their secret is public, so anyone can forge proofs.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export type VerifierSetup =
  | { kind: 'development'; reason: string }
  | { kind: 'ceremony'; transcriptSha256: string }

type CircuitManifest = {
  note?: string
  setup?: { kind?: string; transcriptSha256?: string }
  variants?: Record<string, { verifier?: { file?: string; sha256?: string } }>
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** Reads the manifest under `root` and checks the verifier sources against it. */
export function verifierSetup(root: string): VerifierSetup {
  let manifest: CircuitManifest
  try {
    manifest = JSON.parse(readFileSync(join(root, 'public/circuits/manifest.json'), 'utf8'))
  } catch {
    return { kind: 'development', reason: 'public/circuits/manifest.json is missing or not JSON' }
  }
  for (const [name, variant] of Object.entries(manifest.variants ?? {})) {
    const file = variant.verifier?.file
    if (!file || sha256(join(root, file)) !== variant.verifier?.sha256) {
      return {
        kind: 'development',
        reason: `the ${name} verifier source does not match the manifest`,
      }
    }
  }
  const { setup } = manifest
  if (setup?.kind === 'ceremony' && /^[0-9a-f]{64}$/.test(setup.transcriptSha256 ?? '')) {
    return { kind: 'ceremony', transcriptSha256: setup.transcriptSha256! }
  }
  return {
    kind: 'development',
    reason: manifest.note ?? 'the manifest names no ceremony transcript',
  }
}
