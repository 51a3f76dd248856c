/**
 * `verify`: the whole chain, from the phase-1 file and each circuit's r1cs
 * to the latest zkeys (snarkjs zKey.verifyFromR1cs), checked against the
 * contributions state.json records; then the export directory, if any.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { checkExportDir, MANIFEST_FILE } from './artifacts.js'
import { compileCircuit, sourcePath } from './circuits.js'
import { CeremonyError, out } from './errors.js'
import { blake2b512File, sha256File } from './hash.js'
import { findListed, verifyPtau } from './ptau.js'
import { CapturingLogger, type ChainEntry, parseVerifiedChain, snarkjs } from './snark.js'
import { allSteps, type CeremonyState, latestStep, loadState } from './state.js'

export type VerifyOptions = {
  dir: string
  /** The phase-1 file, when it is not where state.json says. */
  ptau?: string
  /** Compile the circuit sources again and compare with the recorded r1cs and wasm. */
  recompile?: boolean
  /** Skip snarkjs powersOfTau.verify (the hash is still checked). */
  skipPtauVerify?: boolean
  /** An export directory to check as well (default DIR/export when it has a manifest). */
  export?: string
  verbose?: boolean
}

export type VerifyResult = { ok: boolean; problems: string[]; chains: Record<string, ChainEntry[]> }

function describe(entry: ChainEntry): string {
  const beacon = entry.beacon
    ? `  (beacon ${entry.beacon.hash}, 2^${entry.beacon.iterations} iterations)`
    : ''
  return `  #${entry.index} ${JSON.stringify(entry.name)}: ${entry.hash}${beacon}`
}

/** Compares what snarkjs read out of the zkey with the contributions in state.json. */
function compareChain(state: CeremonyState, circuit: string, chain: ChainEntry[]): string[] {
  const problems: string[] = []
  const recorded = state.contributions
  if (chain.length !== recorded.length)
    problems.push(
      `${circuit}: the zkey holds ${chain.length} contribution(s), state.json records ${recorded.length}`,
    )
  for (let i = 0; i < Math.min(chain.length, recorded.length); i++) {
    const got = chain[i]!
    const want = recorded[i]!
    const wantHash = want.zkeys[circuit]?.hash
    if (got.name !== want.name)
      problems.push(
        `${circuit}: contribution #${i + 1} is named "${got.name}", state.json says "${want.name}"`,
      )
    if (got.hash !== wantHash)
      problems.push(
        `${circuit}: contribution #${i + 1} hash differs from the one state.json records`,
      )
    if ((want.kind === 'beacon') !== Boolean(got.beacon))
      problems.push(
        `${circuit}: contribution #${i + 1} is ${got.beacon ? '' : 'not '}a beacon in the zkey`,
      )
    if (
      want.beacon &&
      got.beacon &&
      (want.beacon.hash !== got.beacon.hash || want.beacon.iterations !== got.beacon.iterations)
    )
      problems.push(`${circuit}: the beacon's value or iterations differ from state.json`)
  }
  return problems
}

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const dir = resolve(options.dir)
  const state = loadState(dir)
  const problems: string[] = []
  const chains: Record<string, ChainEntry[]> = {}

  const ptauPath = options.ptau ? resolve(options.ptau) : resolve(dir, state.ptau.path)
  if (!existsSync(ptauPath))
    throw new CeremonyError(`no phase-1 file at ${ptauPath}; pass --ptau FILE (${state.ptau.file})`)
  const blake2b512 = await blake2b512File(ptauPath)
  if (blake2b512 !== state.ptau.blake2b512)
    throw new CeremonyError(
      `${ptauPath} is not the ceremony's phase-1 file (blake2b-512 ${blake2b512}, state.json has ${state.ptau.blake2b512})`,
    )
  const listed = findListed(blake2b512)
  out(
    `phase-1 file ${state.ptau.file}: blake2b-512 ${blake2b512} (${listed ? `published ${listed.name}` : 'UNLISTED'})`,
  )
  if (!listed && !state.ptau.unlisted)
    problems.push('state.json says the phase-1 file is listed, but its hash is not on the list')
  if (options.skipPtauVerify) out('phase-1 file: snarkjs verification skipped (--skip-ptau-verify)')
  else if (await verifyPtau(ptauPath, options.verbose ?? false)) out('phase-1 file: verified')
  else problems.push('the phase-1 file failed snarkjs powersOfTau.verify')

  const last = latestStep(state)
  for (const c of state.circuits) {
    const started = Date.now()
    const r1cs = resolve(dir, c.r1cs)
    if (!existsSync(r1cs)) {
      problems.push(`${c.name}: ${r1cs} is missing`)
      continue
    }
    if ((await sha256File(r1cs)) !== c.r1csSha256)
      problems.push(`${c.name}: ${c.r1cs} differs from the r1cs state.json records`)
    const wasm = resolve(dir, c.wasm)
    if (!existsSync(wasm) || (await sha256File(wasm)) !== c.wasmSha256)
      problems.push(`${c.name}: ${c.wasm} is missing or differs from the wasm state.json records`)
    if (options.recompile) {
      const tmp = mkdtempSync(join(tmpdir(), 'zkpay-ceremony-'))
      try {
        const fresh = compileCircuit({ name: c.name, source: sourcePath(c.source) }, tmp)
        if ((await sha256File(fresh.r1cs)) !== c.r1csSha256)
          problems.push(`${c.name}: ${c.source} compiles to another r1cs than the ceremony's`)
        else if ((await sha256File(fresh.wasm)) !== c.wasmSha256)
          problems.push(`${c.name}: ${c.source} compiles to another wasm than the ceremony's`)
        else out(`${c.name}: ${c.source} compiles to the ceremony's r1cs and wasm`)
      } finally {
        rmSync(tmp, { recursive: true, force: true })
      }
    }
    for (const step of allSteps(state)) {
      const record = step.zkeys[c.name]
      if (!record) {
        problems.push(`${c.name}: step #${step.index} has no zkey`)
        continue
      }
      const path = join(dir, record.file)
      if (!existsSync(path)) {
        if (step === last) problems.push(`${c.name}: ${record.file} is missing`)
        continue
      }
      if ((await sha256File(path)) !== record.sha256)
        problems.push(`${c.name}: ${record.file} differs from the file state.json records (sha256)`)
    }
    const zkey = join(dir, last.zkeys[c.name]?.file ?? '')
    if (!existsSync(zkey)) continue
    const logger = new CapturingLogger(options.verbose)
    let ok = false
    try {
      ok = (await snarkjs.zKey.verifyFromR1cs(r1cs, ptauPath, zkey, logger)) === true
    } catch (error) {
      logger.errors.push((error as Error).message)
    }
    if (!ok) {
      const why = logger.errors.join('; ')
      problems.push(
        `${c.name}: snarkjs verification of ${last.zkeys[c.name]!.file} FAILED${why ? `: ${why}` : ''}`,
      )
      continue
    }
    const chain = parseVerifiedChain(logger.infos)
    chains[c.name] = chain
    out(
      `${c.name}: ${last.zkeys[c.name]!.file} verified from ${c.r1cs} and the phase-1 file (${((Date.now() - started) / 1000).toFixed(1)} s), ${chain.length} contribution(s):`,
    )
    for (const entry of chain) out(describe(entry))
    if (chain.length === 0) out('  (none yet: these keys are not secret)')
    problems.push(...compareChain(state, c.name, chain))
  }

  const exportDir = options.export ? resolve(options.export) : join(dir, 'export')
  if (options.export || existsSync(join(exportDir, MANIFEST_FILE))) {
    if (problems.length > 0) problems.push(`${exportDir}: not checked, the ceremony did not verify`)
    else {
      const exportProblems = await checkExportDir(state, dir, exportDir)
      problems.push(...exportProblems)
      if (exportProblems.length === 0)
        out(`export ${exportDir}: every file matches the manifest and the verified final zkeys`)
    }
  }

  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`FAIL: ${p}\n`)
  } else {
    out(`OK: ${state.circuits.length} circuit(s), ${state.contributions.length} step(s) after init`)
  }
  return { ok: problems.length === 0, problems, chains }
}
