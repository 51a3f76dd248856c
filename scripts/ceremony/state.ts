/**
 * The ceremony directory and its state.json: the circuits, the phase-1 file,
 * and every step in order (the initial zkeys, each contribution, the beacon).
 * Paths in the state are relative to the ceremony directory, so the
 * directory can be copied to participants and published as a whole.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { CeremonyError, warn } from './errors.js'

export const STATE_FILE = 'state.json'

export type CircuitEntry = {
  name: string
  /** The main .circom file: relative to the repository root when inside it. */
  source: string
  sourceSha256: string
  /** Relative to the ceremony directory. */
  r1cs: string
  r1csSha256: string
  wasm: string
  wasmSha256: string
  constraints: number
  /** blake2b-512 of the circuit as snarkjs prints it ("Circuit Hash"). */
  circuitHash: string
  /** The Solidity contract name the verifier is exported under. */
  contract: string
}

export type ZkeyRecord = {
  file: string
  sha256: string
  /** The contribution (or beacon) hash snarkjs returned; absent for the initial zkeys. */
  hash?: string
}

export type Step = {
  /** 0 for the initial zkeys; contributions and the beacon count from 1. */
  index: number
  kind: 'init' | 'contribution' | 'beacon'
  /** The participant's name as written into the zkeys ('' for init). */
  name: string
  /** The zkey set this step wrote (each circuit's `<circuit>_<set>.zkey`). */
  set: string
  /** The zkey set it was applied to. */
  from?: string
  at: string
  zkeys: Record<string, ZkeyRecord>
  beacon?: { hash: string; iterations: number }
}

export type CeremonyState = {
  version: 1
  createdAt: string
  circuits: CircuitEntry[]
  ptau: {
    /** Relative to the ceremony directory (verify takes --ptau to point elsewhere). */
    path: string
    file: string
    blake2b512: string
    power: number
    /** The published file it matched, or null. */
    listedAs: string | null
    /** true when the file is not on scripts/ceremony/ptau-hashes.json and --unlisted-ptau was given. */
    unlisted: boolean
  }
  initial: Step
  /** Every contribution in order, the beacon last. */
  contributions: Step[]
}

export function statePath(dir: string): string {
  return join(dir, STATE_FILE)
}

export function zkeyFile(circuit: string, set: string): string {
  return `${circuit}_${set}.zkey`
}

/** Relative to `dir`, or absolute when that is shorter to read (another disk, say). */
export function relativeTo(dir: string, path: string): string {
  const rel = relative(resolve(dir), resolve(path))
  return isAbsolute(rel) ? resolve(path) : rel
}

export function inDir(dir: string, path: string): string {
  return resolve(dir, path)
}

/**
 * A zkey-set name: a number is padded to 4 digits (`1` → `0001`), otherwise
 * letters, digits and dashes (`final`).
 */
export function normalizeSet(value: string): string {
  if (/^\d{1,4}$/.test(value)) return value.padStart(4, '0')
  if (/^[A-Za-z0-9-]{1,32}$/.test(value)) return value
  throw new CeremonyError(
    `bad zkey set "${value}": use a number (0001) or letters, digits and dashes`,
  )
}

export function allSteps(state: CeremonyState): Step[] {
  return [state.initial, ...state.contributions]
}

export function latestStep(state: CeremonyState): Step {
  return state.contributions.at(-1) ?? state.initial
}

export function hasBeacon(state: CeremonyState): boolean {
  return state.contributions.some((c) => c.kind === 'beacon')
}

export function unlistedWarning(state: CeremonyState): string {
  return (
    `this ceremony uses an UNLISTED phase-1 file (${state.ptau.file}, blake2b ` +
    `${state.ptau.blake2b512.slice(0, 16)}…): it is not a published Powers of Tau, so whoever ` +
    'made it may know its toxic waste and forge proofs; do not use these keys in production'
  )
}

/** Reads DIR/state.json and prints the unlisted-phase-1 warning when it applies. */
export function loadState(dir: string): CeremonyState {
  const path = statePath(dir)
  if (!existsSync(path))
    throw new CeremonyError(`no ceremony in ${dir} (${path} is missing); run init first`)
  let state: CeremonyState
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as CeremonyState
  } catch (error) {
    throw new CeremonyError(`${path} is not valid JSON: ${(error as Error).message}`)
  }
  if (state.version !== 1 || !Array.isArray(state.circuits) || !state.initial)
    throw new CeremonyError(`${path} is not a ceremony state (version 1)`)
  if (state.ptau.unlisted) warn(unlistedWarning(state))
  return state
}

/** Writes state.json through a temporary file, so an interrupted write leaves the old one. */
export function saveState(dir: string, state: CeremonyState) {
  const path = statePath(dir)
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
}
