/**
 * `install`: turns a ceremony export into a complete circuits directory, the
 * shape of public/circuits (zkeys, verification keys, witness wasm, a
 * manifest.json like the one `npm run build:circuits` writes, plus the
 * transcript), with the Solidity verifiers beside it.
 *
 *   --to DIR   everything into DIR (verifiers as DIR/VerifierN.sol): for a
 *              rehearsal or a test, handed to deploy, build:extension and the
 *              relayer with --circuits DIR / CIRCUITS_DIR
 *   --repo     into public/circuits and contracts/generated, to commit
 *
 * Every circuit of the pool (tx1, tx2, tx8) needs keys. A ceremony that did
 * not cover them all is refused unless --fill-development takes the missing
 * ones from the development setup in public/circuits; the manifest then says
 * `setup.kind: "mixed"`, which `npm run deploy` treats as development keys:
 * anyone can forge proofs for those circuits.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import {
  type FileEntry,
  fileEntry,
  MANIFEST_FILE,
  type Manifest,
  TRANSCRIPT_FILE,
  type Transcript,
} from './artifacts.js'
import { repoRoot } from './circuits.js'
import { CeremonyError, out, warn } from './errors.js'
import { sha256File } from './hash.js'

export type InstallOptions = {
  from: string
  to?: string
  repo?: boolean
  fillDevelopment?: boolean
}

/** The committed circuits and their manifest: what the pool needs and what they compile to. */
export const REPO_CIRCUITS_DIR = join(repoRoot, 'public', 'circuits')
export const REPO_VERIFIER_DIR = join(repoRoot, 'contracts', 'generated')

/** public/circuits/manifest.json, as scripts/build-circuits.ts writes it (and install). */
export type CircuitsManifest = {
  protocol: number
  note: string
  ptau: Record<string, unknown>
  setup?: CircuitsSetup
  transcript?: { file: string; sha256: string }
  variants: Record<
    string,
    {
      inputs: number
      outputs: number
      levels: number
      batchLevels: number
      constraints: number
      publicInputs: number
      r1csSha256: string
      wasm: FileEntry
      zkey: FileEntry
      vkey: { file: string; sha256: string }
      verifier: { file: string; contract: string; sha256: string }
      /** Where this circuit's keys come from (install writes it; absent: the manifest's note). */
      setup?: 'ceremony' | 'development'
    }
  >
}

export type CircuitsSetup =
  | { kind: 'ceremony'; transcriptSha256: string; unlistedPtau?: true }
  | {
      kind: 'mixed'
      transcriptSha256: string
      ceremonyCircuits: string[]
      developmentCircuits: string[]
      unlistedPtau?: true
    }

function readJson<T>(path: string, what: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T
  } catch (error) {
    throw new CeremonyError(`${what} ${path} is missing or not JSON (${(error as Error).message})`)
  }
}

/** Every file of the export against its manifest; the transcript against the zkeys. */
async function checkExport(dir: string, manifest: Manifest, transcript: Transcript) {
  const check = async (entry: FileEntry | undefined, what: string) => {
    if (!entry) throw new CeremonyError(`${what} is not in the export's manifest`)
    const path = join(dir, entry.file)
    if (!existsSync(path)) throw new CeremonyError(`${what}: ${path} is missing`)
    if ((await sha256File(path)) !== entry.sha256)
      throw new CeremonyError(`${what}: ${path} does not match its sha256 in the export's manifest`)
  }
  await check(manifest.transcript, 'the transcript')
  for (const [name, c] of Object.entries(manifest.circuits ?? {})) {
    for (const kind of ['zkey', 'vkey', 'verifier', 'wasm'] as const)
      await check(c[kind], `${name} ${kind}`)
    const t = transcript.circuits?.[name]
    if (!t) throw new CeremonyError(`${name} is in the export but not in its transcript`)
    if (t.finalZkeySha256 !== c.zkey.sha256)
      throw new CeremonyError(`${name}: the exported zkey is not the transcript's final zkey`)
  }
  if (!transcript.beacon)
    throw new CeremonyError('the export has no beacon (exported with --without-beacon): not final')
  if (transcript.contributions.length === 0)
    throw new CeremonyError('the export has no contribution: its keys are not secret')
}

export async function install(options: InstallOptions): Promise<CircuitsManifest> {
  if (Boolean(options.to) === Boolean(options.repo))
    throw new CeremonyError('give either --to DIR or --repo')
  const from = resolve(options.from)
  const exportManifest = readJson<Manifest>(join(from, MANIFEST_FILE), "the export's manifest")
  const transcriptPath = join(from, exportManifest.transcript?.file ?? TRANSCRIPT_FILE)
  const transcript = readJson<Transcript>(transcriptPath, 'the transcript')
  await checkExport(from, exportManifest, transcript)
  const committed = readJson<CircuitsManifest>(
    join(REPO_CIRCUITS_DIR, MANIFEST_FILE),
    'the committed circuits manifest',
  )

  const circuitsDir = options.repo ? REPO_CIRCUITS_DIR : resolve(options.to!)
  const verifierDir = options.repo ? REPO_VERIFIER_DIR : circuitsDir
  // In the repository the manifest names verifiers from the root (contracts/generated/…).
  const verifierName = (contract: string) =>
    options.repo ? relative(repoRoot, join(verifierDir, `${contract}.sol`)) : `${contract}.sol`

  const unknown = Object.keys(exportManifest.circuits).filter((n) => !committed.variants[n])
  if (unknown.length > 0)
    throw new CeremonyError(`the export has circuits the pool does not use: ${unknown.join(', ')}`)
  const missing = Object.keys(committed.variants).filter((n) => !exportManifest.circuits[n])
  if (missing.length > 0 && !options.fillDevelopment)
    throw new CeremonyError(
      `the ceremony did not cover ${missing.join(', ')}; the pool needs keys for every circuit. ` +
        'Run the ceremony for them, or pass --fill-development to take them from the development ' +
        'setup (then the deployment counts as development keys)',
    )
  // The ceremony must be on this checkout's circuits, which check:circuits ties to the sources.
  for (const name of Object.keys(exportManifest.circuits)) {
    if (transcript.circuits[name]!.r1csSha256 !== committed.variants[name]!.r1csSha256)
      throw new CeremonyError(
        `${name}: the ceremony's r1cs is not the one public/circuits/manifest.json records for ` +
          "this checkout's sources; the keys would not fit these circuits",
      )
  }

  mkdirSync(circuitsDir, { recursive: true })
  mkdirSync(verifierDir, { recursive: true })
  const copy = (src: string, dest: string) => {
    if (resolve(src) !== resolve(dest)) copyFileSync(src, dest)
  }
  const variants: CircuitsManifest['variants'] = {}
  for (const [name, base] of Object.entries(committed.variants)) {
    const c = exportManifest.circuits[name]
    const files = { zkey: `${name}.zkey`, vkey: `${name}.vkey.json`, wasm: `${name}.wasm` }
    const contract = c?.verifier.contract ?? base.verifier.contract
    const verifierPath = join(verifierDir, `${contract}.sol`)
    if (c) {
      copy(join(from, c.zkey.file), join(circuitsDir, files.zkey))
      copy(join(from, c.vkey.file), join(circuitsDir, files.vkey))
      copy(join(from, c.wasm.file), join(circuitsDir, files.wasm))
      copy(join(from, c.verifier.file), verifierPath)
    } else {
      copy(join(REPO_CIRCUITS_DIR, base.zkey.file), join(circuitsDir, files.zkey))
      copy(join(REPO_CIRCUITS_DIR, base.vkey.file), join(circuitsDir, files.vkey))
      copy(join(REPO_CIRCUITS_DIR, base.wasm.file), join(circuitsDir, files.wasm))
      copy(join(repoRoot, base.verifier.file), verifierPath)
    }
    const vkey = await fileEntry(circuitsDir, files.vkey)
    const verifier = await fileEntry(verifierDir, `${contract}.sol`)
    variants[name] = {
      inputs: base.inputs,
      outputs: base.outputs,
      levels: base.levels,
      batchLevels: base.batchLevels,
      constraints: c ? transcript.circuits[name]!.constraints : base.constraints,
      publicInputs: base.publicInputs,
      r1csSha256: base.r1csSha256,
      wasm: await fileEntry(circuitsDir, files.wasm),
      zkey: await fileEntry(circuitsDir, files.zkey),
      vkey: { file: vkey.file, sha256: vkey.sha256 },
      verifier: { file: verifierName(contract), contract, sha256: verifier.sha256 },
      setup: c ? 'ceremony' : 'development',
    }
    out(`${name}: ${c ? 'from the ceremony' : 'DEVELOPMENT keys (--fill-development)'}`)
  }

  writeFileSync(join(circuitsDir, TRANSCRIPT_FILE), readFileSync(transcriptPath))
  const transcriptSha256 = await sha256File(join(circuitsDir, TRANSCRIPT_FILE))
  const unlisted = transcript.unlisted ? ({ unlistedPtau: true } as const) : {}
  const ceremonyCircuits = Object.keys(variants).filter((n) => variants[n]!.setup === 'ceremony')
  const setup: CircuitsSetup =
    missing.length > 0
      ? {
          kind: 'mixed',
          transcriptSha256,
          ceremonyCircuits,
          developmentCircuits: missing,
          ...unlisted,
        }
      : { kind: 'ceremony', transcriptSha256, ...unlisted }
  const names = transcript.contributions.map((c) => `"${c.name}"`).join(', ')
  const manifest: CircuitsManifest = {
    protocol: committed.protocol,
    note:
      setup.kind === 'ceremony'
        ? `Phase-2 ceremony: contributions ${names} and a beacon; see transcript.json and docs/ceremony.md.`
        : `MIXED, NOT FOR PRODUCTION: ${ceremonyCircuits.join(', ')} from the ceremony (${names}), ${missing.join(', ')} from the development setup.`,
    ptau: {
      power: transcript.phase1.power,
      blake2b512: transcript.phase1.blake2b512,
      listedAs: transcript.phase1.listedAs,
      unlisted: transcript.phase1.unlisted,
    },
    setup,
    transcript: { file: TRANSCRIPT_FILE, sha256: transcriptSha256 },
    variants,
  }
  writeFileSync(join(circuitsDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
  out(
    `wrote ${join(circuitsDir, MANIFEST_FILE)} (setup ${setup.kind}, transcript ${transcriptSha256})`,
  )
  if (setup.kind === 'mixed')
    warn(
      `${missing.join(', ')} keep the development keys: a pool with these verifiers can be drained; deploy counts it as development keys`,
    )
  if (transcript.unlisted)
    warn('the ceremony rests on an UNLISTED phase-1 file: never deploy these keys for real value')
  if (options.repo)
    out('next: npm run build:contracts (compiles the new verifiers), then commit both directories')
  return manifest
}
