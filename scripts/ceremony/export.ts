/** `export`: the final zkeys, verification keys, Solidity verifiers, wasm, transcript and manifest. */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  entryFor,
  fileEntry,
  MANIFEST_FILE,
  type Manifest,
  renderVerifier,
  TRANSCRIPT_FILE,
  transcriptText,
} from './artifacts.js'
import { CeremonyError, out, warn } from './errors.js'
import { sha256File } from './hash.js'
import { hasBeacon, latestStep, loadState } from './state.js'

export type ExportOptions = {
  dir: string
  out?: string
  withoutBeacon?: boolean
  verbose?: boolean
}

export async function exportCeremony(options: ExportOptions): Promise<Manifest> {
  const dir = resolve(options.dir)
  const outDir = resolve(options.out ?? join(dir, 'export'))
  const state = loadState(dir)
  if (!state.contributions.some((c) => c.kind === 'contribution'))
    throw new CeremonyError('no contribution yet: the initial zkeys are not secret')
  if (!hasBeacon(state)) {
    if (!options.withoutBeacon)
      throw new CeremonyError('no beacon yet: run beacon first (or pass --without-beacon)')
    warn('exporting without a beacon')
  }
  const last = latestStep(state)
  for (const c of state.circuits) {
    const zkey = join(dir, last.zkeys[c.name]!.file)
    if ((await sha256File(zkey)) !== last.zkeys[c.name]!.sha256)
      throw new CeremonyError(`${zkey} is not the file state.json records; run verify`)
    if ((await sha256File(join(dir, c.wasm))) !== c.wasmSha256)
      throw new CeremonyError(`${join(dir, c.wasm)} is not the wasm state.json records`)
  }
  mkdirSync(outDir, { recursive: true })
  const transcript = transcriptText(state)
  writeFileSync(join(outDir, TRANSCRIPT_FILE), transcript)
  const manifest: Manifest = {
    transcript: entryFor(TRANSCRIPT_FILE, transcript),
    unlisted: state.ptau.unlisted,
    circuits: {},
  }
  for (const c of state.circuits) {
    const zkeyPath = join(dir, last.zkeys[c.name]!.file)
    const { vkey, solidity } = await renderVerifier(zkeyPath, c.contract)
    const files = {
      zkey: `${c.name}.zkey`,
      vkey: `${c.name}.vkey.json`,
      verifier: `${c.contract}.sol`,
      wasm: `${c.name}.wasm`,
    }
    copyFileSync(zkeyPath, join(outDir, files.zkey))
    copyFileSync(join(dir, c.wasm), join(outDir, files.wasm))
    writeFileSync(join(outDir, files.vkey), vkey)
    writeFileSync(join(outDir, files.verifier), solidity)
    manifest.circuits[c.name] = {
      zkey: await fileEntry(outDir, files.zkey),
      vkey: entryFor(files.vkey, vkey),
      verifier: { ...entryFor(files.verifier, solidity), contract: c.contract },
      wasm: await fileEntry(outDir, files.wasm),
    }
    out(`${c.name}: ${Object.values(files).join(', ')}`)
  }
  writeFileSync(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
  out(`wrote ${TRANSCRIPT_FILE} and ${MANIFEST_FILE} to ${outDir}`)
  out(`transcript sha256 ${manifest.transcript.sha256}`)
  if (state.ptau.unlisted) warn('these artifacts rest on an UNLISTED phase-1 file (see above)')
  return manifest
}
