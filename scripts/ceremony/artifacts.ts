/**
 * What export writes and what verify checks again: the transcript, the
 * verification key and Solidity verifier derived from a zkey, the manifest.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './circuits.js'
import { sha256, sha256File } from './hash.js'
import { snarkjs } from './snark.js'
import { type CeremonyState, latestStep } from './state.js'

export const TRANSCRIPT_FILE = 'transcript.json'
export const MANIFEST_FILE = 'manifest.json'

export type Transcript = {
  ceremony: 'zkpay groth16 phase 2'
  phase1: {
    file: string
    blake2b512: string
    power: number
    listedAs: string | null
    unlisted: boolean
  }
  unlisted: boolean
  circuits: Record<
    string,
    { constraints: number; r1csSha256: string; circuitHash: string; finalZkeySha256: string }
  >
  contributions: { index: number; name: string; at: string; hashes: Record<string, string> }[]
  beacon: {
    index: number
    name: string
    value: string
    iterationsExp: number
    hashes: Record<string, string>
  } | null
}

export type FileEntry = { file: string; sha256: string; bytes: number }

export type Manifest = {
  transcript: FileEntry
  unlisted: boolean
  circuits: Record<
    string,
    {
      zkey: FileEntry
      vkey: FileEntry
      verifier: FileEntry & { contract: string }
      wasm: FileEntry
    }
  >
}

export function buildTranscript(state: CeremonyState): Transcript {
  const last = latestStep(state)
  const hashes = (step: CeremonyState['contributions'][number]) =>
    Object.fromEntries(Object.entries(step.zkeys).map(([c, z]) => [c, z.hash ?? '']))
  const b = state.contributions.find((c) => c.kind === 'beacon')
  return {
    ceremony: 'zkpay groth16 phase 2',
    phase1: {
      file: state.ptau.file,
      blake2b512: state.ptau.blake2b512,
      power: state.ptau.power,
      listedAs: state.ptau.listedAs,
      unlisted: state.ptau.unlisted,
    },
    unlisted: state.ptau.unlisted,
    circuits: Object.fromEntries(
      state.circuits.map((c) => [
        c.name,
        {
          constraints: c.constraints,
          r1csSha256: c.r1csSha256,
          circuitHash: c.circuitHash,
          finalZkeySha256: last.zkeys[c.name]!.sha256,
        },
      ]),
    ),
    contributions: state.contributions
      .filter((c) => c.kind === 'contribution')
      .map((c) => ({ index: c.index, name: c.name, at: c.at, hashes: hashes(c) })),
    beacon: b
      ? {
          index: b.index,
          name: b.name,
          value: b.beacon!.hash,
          iterationsExp: b.beacon!.iterations,
          hashes: hashes(b),
        }
      : null,
  }
}

export function transcriptText(state: CeremonyState): string {
  return `${JSON.stringify(buildTranscript(state), null, 2)}\n`
}

let template: string | undefined

/** The verification key JSON and the Solidity verifier (contract renamed) of a zkey. */
export async function renderVerifier(
  zkeyPath: string,
  contract: string,
): Promise<{ vkey: string; solidity: string }> {
  template ??= readFileSync(
    join(repoRoot, 'node_modules', 'snarkjs', 'templates', 'verifier_groth16.sol.ejs'),
    'utf8',
  )
  const vkey = `${JSON.stringify(await snarkjs.zKey.exportVerificationKey(zkeyPath), null, 2)}\n`
  const generated = await snarkjs.zKey.exportSolidityVerifier(zkeyPath, { groth16: template })
  const solidity = generated.replace('contract Groth16Verifier', `contract ${contract}`)
  if (solidity === generated)
    throw new Error('the snarkjs template no longer names Groth16Verifier')
  return { vkey, solidity }
}

export function entryFor(file: string, data: string | Uint8Array): FileEntry {
  return { file, sha256: sha256(data), bytes: Buffer.byteLength(data) }
}

/** The manifest entry of a file written to `dir`, hashed from disk. */
export async function fileEntry(dir: string, file: string): Promise<FileEntry> {
  const path = join(dir, file)
  return { file, sha256: await sha256File(path), bytes: statSync(path).size }
}

/**
 * Checks an export directory against the (already verified) ceremony: every
 * file against the manifest, the transcript against state.json, the zkey
 * against the final one, and the vkey and verifier against what the zkey gives.
 */
export async function checkExportDir(state: CeremonyState, dir: string, exportDir: string) {
  const problems: string[] = []
  const manifestPath = join(exportDir, MANIFEST_FILE)
  if (!existsSync(manifestPath)) return [`${manifestPath} is missing`]
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest
  const check = async (entry: FileEntry | undefined, what: string) => {
    if (!entry) return problems.push(`${what}: not in the manifest`)
    const path = join(exportDir, entry.file)
    if (!existsSync(path)) return problems.push(`${what}: ${path} is missing`)
    if ((await sha256File(path)) !== entry.sha256)
      problems.push(`${what}: ${entry.file} does not match its sha256 in the manifest`)
  }
  await check(manifest.transcript, 'transcript')
  const transcriptPath = join(exportDir, manifest.transcript?.file ?? TRANSCRIPT_FILE)
  if (existsSync(transcriptPath) && readFileSync(transcriptPath, 'utf8') !== transcriptText(state))
    problems.push(`${TRANSCRIPT_FILE} differs from the transcript of state.json`)
  if (manifest.unlisted !== state.ptau.unlisted)
    problems.push('the manifest misstates whether the phase-1 file is unlisted')
  const last = latestStep(state)
  for (const c of state.circuits) {
    const m = manifest.circuits?.[c.name]
    if (!m) {
      problems.push(`${c.name}: not in the manifest`)
      continue
    }
    await check(m.zkey, `${c.name} zkey`)
    await check(m.vkey, `${c.name} vkey`)
    await check(m.verifier, `${c.name} verifier`)
    await check(m.wasm, `${c.name} wasm`)
    if (m.zkey.sha256 !== last.zkeys[c.name]!.sha256)
      problems.push(`${c.name}: the exported zkey is not the final zkey of the ceremony`)
    if (m.wasm.sha256 !== c.wasmSha256)
      problems.push(`${c.name}: the exported wasm is not the circuit's compiled wasm`)
    const rendered = await renderVerifier(join(dir, last.zkeys[c.name]!.file), c.contract)
    if (sha256(rendered.vkey) !== m.vkey.sha256)
      problems.push(`${c.name}: the exported verification key does not come from the final zkey`)
    if (sha256(rendered.solidity) !== m.verifier.sha256 || m.verifier.contract !== c.contract)
      problems.push(`${c.name}: the exported Solidity verifier does not come from the final zkey`)
  }
  return problems
}
