/**
 * Which trusted setup the verifiers `npm run deploy` would deploy come from.
 * A circuits directory (public/circuits, or one `npm run ceremony -- install
 * --to DIR` wrote) has a manifest.json recording the sha256 of each
 * verifier source. The setup counts as a real ceremony only when:
 *
 * - the manifest says `setup.kind: "ceremony"` and names the transcript's hash;
 * - the directory's transcript.json has that hash;
 * - every circuit the pool uses (tx1, tx2, tx8) is in it, its zkey is the
 *   transcript's final zkey, and its Solidity verifier is exactly what that
 *   zkey gives (rendered again here with snarkjs) and what the manifest records.
 *
 * Anything else is development keys, including a `mixed` install (some
 * circuits from the ceremony, the rest from the development setup: anyone
 * can forge proofs for those) and the development setup `npm run
 * build:circuits` makes: their secret is public, so anyone can forge proofs.
 *
 * In public/circuits/manifest.json a verifier's `file` is relative to the
 * repository root (contracts/generated/…); in any other directory, to it.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The circuits the pool verifies, and their verifier contracts. */
export const POOL_CIRCUITS = [
  { name: 'tx1', contract: 'Verifier1' },
  { name: 'tx2', contract: 'Verifier2' },
  { name: 'tx8', contract: 'Verifier8' },
] as const

export type VerifierSource = { contract: string; path: string }

/** An install where only some circuits come from the ceremony. */
export type MixedSetup = {
  transcriptSha256: string
  ceremonyCircuits: string[]
  developmentCircuits: string[]
}

export type VerifierSetup = { circuitsDir: string; verifiers: VerifierSource[] } & (
  | { kind: 'development'; reason: string; mixed?: MixedSetup }
  | {
      kind: 'ceremony'
      transcriptSha256: string
      /** The ceremony's phase-1 file is not a published one (a rehearsal). */
      unlistedPtau: boolean
      contributions: string[]
    }
)

type Entry = { file?: string; sha256?: string }
type CircuitManifest = {
  note?: string
  setup?: {
    kind?: string
    transcriptSha256?: string
    ceremonyCircuits?: string[]
    developmentCircuits?: string[]
  }
  transcript?: Entry
  variants?: Record<string, { zkey?: Entry; verifier?: Entry & { contract?: string } }>
}
type Transcript = {
  unlisted?: boolean
  contributions?: { name: string }[]
  beacon?: unknown
  circuits?: Record<string, { finalZkeySha256?: string }>
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')
const fileSha256 = (path: string) => (existsSync(path) ? sha256(readFileSync(path)) : undefined)

export function defaultCircuitsDir(root: string): string {
  return join(root, 'public', 'circuits')
}

/** Where a manifest's verifier `file` is: from the root for public/circuits, else from the directory. */
export function verifierSourcePath(root: string, circuitsDir: string, file: string): string {
  const base = resolve(circuitsDir) === resolve(defaultCircuitsDir(root)) ? root : circuitsDir
  return resolve(base, file)
}

/**
 * The setup of `circuitsDir` (default public/circuits under `root`). Renders
 * each verifier from its zkey when the manifest claims a ceremony, so it
 * takes a few seconds then.
 */
export async function verifierSetup(root: string, circuitsDir?: string): Promise<VerifierSetup> {
  const dir = resolve(circuitsDir ?? defaultCircuitsDir(root))
  const verifiers: VerifierSource[] = POOL_CIRCUITS.map((c) => ({
    contract: c.contract,
    path: join(root, 'contracts', 'generated', `${c.contract}.sol`),
  }))
  const development = (reason: string, mixed?: MixedSetup): VerifierSetup => ({
    kind: 'development',
    reason,
    circuitsDir: dir,
    verifiers,
    ...(mixed ? { mixed } : {}),
  })
  let manifest: CircuitManifest
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
  } catch {
    return development(`${join(dir, 'manifest.json')} is missing or not JSON`)
  }
  for (const [i, c] of POOL_CIRCUITS.entries()) {
    const variant = manifest.variants?.[c.name]
    const file = variant?.verifier?.file
    if (!file) return development(`the manifest has no ${c.name} verifier`)
    const path = verifierSourcePath(root, dir, file)
    if (variant.verifier?.contract !== c.contract || fileSha256(path) !== variant.verifier?.sha256)
      return development(`the ${c.name} verifier source does not match the manifest`)
    verifiers[i] = { contract: c.contract, path }
  }
  const { setup } = manifest
  const transcriptSha256 = setup?.transcriptSha256 ?? ''
  if (setup?.kind === 'mixed' && /^[0-9a-f]{64}$/.test(transcriptSha256)) {
    const dev = setup.developmentCircuits ?? []
    return development(
      `${dev.join(', ')} ${dev.length === 1 ? 'comes' : 'come'} from the development setup (only ${(setup.ceremonyCircuits ?? []).join(', ')} from the ceremony)`,
      {
        transcriptSha256,
        ceremonyCircuits: setup.ceremonyCircuits ?? [],
        developmentCircuits: dev,
      },
    )
  }
  if (setup?.kind !== 'ceremony' || !/^[0-9a-f]{64}$/.test(transcriptSha256))
    return development(manifest.note ?? 'the manifest names no ceremony transcript')

  const transcriptPath = join(dir, manifest.transcript?.file ?? 'transcript.json')
  if (fileSha256(transcriptPath) !== transcriptSha256)
    return development(`${transcriptPath} is missing or is not the transcript the manifest names`)
  const transcript = JSON.parse(readFileSync(transcriptPath, 'utf8')) as Transcript
  if (!transcript.beacon || !transcript.contributions?.length)
    return development('the transcript has no contribution or no beacon')
  const { renderVerifier } = await import('../ceremony/artifacts.js')
  for (const c of POOL_CIRCUITS) {
    const variant = manifest.variants![c.name]!
    const zkey = join(dir, variant.zkey?.file ?? `${c.name}.zkey`)
    const final = transcript.circuits?.[c.name]?.finalZkeySha256
    if (!final || fileSha256(zkey) !== final || variant.zkey?.sha256 !== final)
      return development(`${c.name}: the zkey is not the final zkey of the ceremony's transcript`)
    const { solidity } = await renderVerifier(zkey, c.contract)
    if (sha256(solidity) !== variant.verifier?.sha256)
      return development(`${c.name}: the verifier source is not the one its zkey gives`)
  }
  return {
    kind: 'ceremony',
    transcriptSha256,
    unlistedPtau: transcript.unlisted === true,
    contributions: transcript.contributions.map((c) => c.name),
    circuitsDir: dir,
    verifiers,
  }
}
