/**
 * A circuits directory as the extension ships it (public/circuits, or one
 * `npm run ceremony -- install --to DIR` wrote): the wasm and zkey of every
 * circuit the pool uses, matching its manifest.json, and which ceremony
 * transcript (if any) the keys come from. Synchronous and cheap: hashes only.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { POOL_CIRCUITS } from './verifierSetup.js'

type Manifest = {
  setup?: { kind?: string; transcriptSha256?: string }
  variants?: Record<string, Record<string, { file?: string; sha256?: string } | undefined>>
}

export type CircuitsDirCheck =
  | { ok: true; setup: string; transcriptSha256: string | undefined }
  | { ok: false; problem: string }

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

export function checkCircuitsDir(dir: string): CircuitsDirCheck {
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
  } catch {
    return { ok: false, problem: `${join(dir, 'manifest.json')} is missing or not JSON` }
  }
  for (const { name } of POOL_CIRCUITS) {
    for (const kind of ['wasm', 'zkey', 'vkey']) {
      const entry = manifest.variants?.[name]?.[kind]
      const path = entry?.file ? join(dir, entry.file) : undefined
      if (!path || !existsSync(path))
        return { ok: false, problem: `${dir} has no ${name} ${kind} named in its manifest` }
      if (sha256(path) !== entry?.sha256)
        return { ok: false, problem: `${path} does not match its sha256 in ${dir}/manifest.json` }
    }
  }
  const kind = manifest.setup?.kind
  const transcript =
    (kind === 'ceremony' || kind === 'mixed') && manifest.setup?.transcriptSha256
      ? manifest.setup.transcriptSha256
      : undefined
  return {
    ok: true,
    setup: transcript ? String(kind) : 'development',
    transcriptSha256: transcript,
  }
}

/** The ceremony transcript a deployment file's verifiers come from (a mixed setup's too), if any. */
export function deploymentTranscript(json: Record<string, unknown>): string | undefined {
  const setup = json.setup as
    | { kind?: string; transcriptSha256?: string; mixed?: { transcriptSha256?: string } }
    | undefined
  if (setup?.kind === 'ceremony') return setup.transcriptSha256
  return setup?.mixed?.transcriptSha256
}
