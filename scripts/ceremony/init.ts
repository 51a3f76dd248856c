/** `init`: check the phase-1 file, compile the circuits, write the initial zkeys (set 0000). */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import {
  compileCircuit,
  constraintsOf,
  contractName,
  displaySource,
  selectCircuits,
} from './circuits.js'
import { CeremonyError, EXIT_REFUSED, out, warn } from './errors.js'
import { blake2b512File, sha256File } from './hash.js'
import { findListed, PTAU_LIST_PATH, readPtauHeader, verifyPtau } from './ptau.js'
import { CapturingLogger, snarkjs, toHex } from './snark.js'
import {
  type CeremonyState,
  type CircuitEntry,
  relativeTo,
  type Step,
  saveState,
  statePath,
  unlistedWarning,
  zkeyFile,
} from './state.js'

export type InitOptions = {
  dir: string
  ptau: string
  circuits?: string
  circuitFiles?: string[]
  unlistedPtau?: boolean
  verbose?: boolean
}

export const INITIAL_SET = '0000'

export async function init(options: InitOptions): Promise<CeremonyState> {
  const dir = resolve(options.dir)
  const ptauPath = resolve(options.ptau)
  if (existsSync(statePath(dir)))
    throw new CeremonyError(`${dir} already holds a ceremony (state.json); use another --dir`)
  const specs = selectCircuits(options)
  if (!existsSync(ptauPath)) throw new CeremonyError(`no phase-1 file at ${ptauPath}`)

  // The list check comes first and touches nothing, so a refusal leaves no trace.
  out(`phase-1 file ${ptauPath}: hashing (blake2b-512)`)
  const blake2b512 = await blake2b512File(ptauPath)
  const listed = findListed(blake2b512)
  if (listed) out(`phase-1 file is the published ${listed.name} (2^${listed.power})`)
  else if (!options.unlistedPtau)
    throw new CeremonyError(
      `refused: ${basename(ptauPath)} (blake2b-512 ${blake2b512}) is not on the published list ${relativeTo(process.cwd(), PTAU_LIST_PATH)}; pass --unlisted-ptau to use it anyway (never for production)`,
      EXIT_REFUSED,
    )
  const header = readPtauHeader(ptauPath)
  if (!header.prepared)
    throw new CeremonyError(
      `${basename(ptauPath)} is not prepared for phase 2 (run snarkjs powersoftau prepare phase2)`,
    )
  if (listed && listed.power !== header.power)
    throw new CeremonyError(
      `${basename(ptauPath)} says power ${header.power}, the list says ${listed.power}`,
    )

  out(`phase-1 file: snarkjs powersOfTau.verify (2^${header.power}; slow for large files)`)
  if (!(await verifyPtau(ptauPath, options.verbose ?? false)))
    throw new CeremonyError(`${basename(ptauPath)} failed snarkjs powersOfTau.verify`)
  out('phase-1 file: verified')

  const dirExisted = existsSync(dir)
  const created: string[] = []
  try {
    mkdirSync(dir, { recursive: true })
    const buildDir = join(dir, 'build')
    if (existsSync(buildDir) && readdirSync(buildDir).length > 0)
      throw new CeremonyError(`${buildDir} is not empty; use a fresh --dir`)
    created.push(buildDir)
    const circuits: CircuitEntry[] = []
    const initial: Step = {
      index: 0,
      kind: 'init',
      name: '',
      set: INITIAL_SET,
      at: new Date().toISOString(),
      zkeys: {},
    }
    for (const spec of specs) {
      const started = Date.now()
      out(`${spec.name}: compile ${displaySource(spec.source)}`)
      const { r1cs, wasm } = compileCircuit(spec, buildDir)
      const constraints = constraintsOf(r1cs)
      const file = zkeyFile(spec.name, INITIAL_SET)
      const zkeyPath = join(dir, file)
      if (existsSync(zkeyPath)) throw new CeremonyError(`${zkeyPath} already exists`)
      out(`${spec.name}: ${constraints} constraints; snarkjs zKey.newZKey → ${file}`)
      created.push(zkeyPath)
      const logger = new CapturingLogger(options.verbose)
      const csHash = await snarkjs.zKey.newZKey(r1cs, ptauPath, zkeyPath, logger)
      if (csHash === -1 || !(csHash instanceof Uint8Array))
        throw new CeremonyError(
          `${spec.name}: newZKey failed: ${logger.errors.join('; ') || 'no reason given'}`,
        )
      circuits.push({
        name: spec.name,
        source: displaySource(spec.source),
        sourceSha256: await sha256File(spec.source),
        r1cs: relativeTo(dir, r1cs),
        r1csSha256: await sha256File(r1cs),
        wasm: relativeTo(dir, wasm),
        wasmSha256: await sha256File(wasm),
        constraints,
        circuitHash: toHex(csHash),
        contract: contractName(spec.name),
      })
      initial.zkeys[spec.name] = { file, sha256: await sha256File(zkeyPath) }
      out(
        `${spec.name}: circuit hash ${toHex(csHash)} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      )
    }
    const state: CeremonyState = {
      version: 1,
      createdAt: initial.at,
      circuits,
      ptau: {
        path: relativeTo(dir, ptauPath),
        file: basename(ptauPath),
        blake2b512,
        power: header.power,
        listedAs: listed?.name ?? null,
        unlisted: !listed,
      },
      initial,
      contributions: [],
    }
    saveState(dir, state)
    out(
      `ceremony started in ${dir}: send the ${INITIAL_SET} zkeys and state.json to the first participant`,
    )
    if (state.ptau.unlisted) warn(unlistedWarning(state))
    return state
  } catch (error) {
    if (!dirExisted) rmSync(dir, { recursive: true, force: true })
    else for (const path of created) rmSync(path, { recursive: true, force: true })
    throw error
  }
}
