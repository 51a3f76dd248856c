/** `contribute`: one participant's contribution to every circuit's latest zkey. */
import { randomBytes } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CeremonyError, out } from './errors.js'
import { sha256File } from './hash.js'
import { CapturingLogger, formatHashLikeSnarkjs, snarkjs, toHex } from './snark.js'
import {
  type CeremonyState,
  hasBeacon,
  latestStep,
  loadState,
  normalizeSet,
  type Step,
  saveState,
  zkeyFile,
} from './state.js'

export type ContributeOptions = {
  dir: string
  in?: string
  out?: string
  name: string
  verbose?: boolean
}

/** A name snarkjs stores in the zkey and verify prints: one line, printable. */
export function checkName(name: string): string {
  const trimmed = name.trim()
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejects control characters
  if (trimmed.length === 0 || trimmed.length > 64 || /[\u0000-\u001f\u007f-\u009f]/.test(trimmed))
    throw new CeremonyError('--name must be 1 to 64 printable characters on one line')
  return trimmed
}

/** Checks that the next step may read `from` and write `to`; returns both set names. */
export function planStep(
  dir: string,
  state: CeremonyState,
  from: string | undefined,
  to: string | undefined,
  defaultTo: string,
): { from: string; to: string } {
  if (hasBeacon(state))
    throw new CeremonyError('the ceremony is closed by its beacon; no further steps')
  const latest = latestStep(state)
  const fromSet = from === undefined ? latest.set : normalizeSet(from)
  if (fromSet !== latest.set)
    throw new CeremonyError(
      `--in ${fromSet} is not the latest zkey set (${latest.set}); contribute on top of the latest`,
    )
  const toSet = normalizeSet(to ?? defaultTo)
  const used = [state.initial, ...state.contributions].map((s) => s.set)
  if (used.includes(toSet)) throw new CeremonyError(`zkey set ${toSet} is already in the ceremony`)
  for (const c of state.circuits) {
    const input = join(dir, zkeyFile(c.name, fromSet))
    if (!existsSync(input)) throw new CeremonyError(`${input} is missing`)
    const output = join(dir, zkeyFile(c.name, toSet))
    if (existsSync(output)) throw new CeremonyError(`${output} already exists`)
  }
  return { from: fromSet, to: toSet }
}

/** The input zkeys must be the ones state.json recorded, or the participant got the wrong files. */
export async function checkInputs(dir: string, step: Step) {
  for (const [circuit, record] of Object.entries(step.zkeys)) {
    const actual = await sha256File(join(dir, record.file))
    if (actual !== record.sha256)
      throw new CeremonyError(
        `${circuit}: ${record.file} is not the file state.json records (sha256 ${actual}, expected ${record.sha256}); get the latest files again`,
      )
  }
}

export function nextNumberedSet(state: CeremonyState): string {
  return String(state.contributions.length + 1).padStart(4, '0')
}

export async function contribute(options: ContributeOptions): Promise<Step> {
  const dir = resolve(options.dir)
  const state = loadState(dir)
  const name = checkName(options.name)
  const { from, to } = planStep(dir, state, options.in, options.out, nextNumberedSet(state))
  await checkInputs(dir, latestStep(state))
  const step: Step = {
    index: state.contributions.length + 1,
    kind: 'contribution',
    name,
    set: to,
    from,
    at: new Date().toISOString(),
    zkeys: {},
  }
  const written: string[] = []
  try {
    for (const c of state.circuits) {
      const started = Date.now()
      const input = join(dir, zkeyFile(c.name, from))
      const file = zkeyFile(c.name, to)
      const output = join(dir, file)
      written.push(output)
      // Fresh entropy per circuit from the OS; snarkjs mixes in 64 more random bytes of its own.
      const entropy = randomBytes(64).toString('hex')
      const hash = await snarkjs.zKey.contribute(
        input,
        output,
        name,
        entropy,
        new CapturingLogger(options.verbose),
      )
      if (!(hash instanceof Uint8Array)) throw new CeremonyError(`${c.name}: contribute failed`)
      step.zkeys[c.name] = { file, sha256: await sha256File(output), hash: toHex(hash) }
      out(`${c.name}: ${from} → ${to} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    }
  } catch (error) {
    for (const path of written) rmSync(path, { force: true })
    throw error
  }
  state.contributions.push(step)
  saveState(dir, state)
  out('')
  out(`contribution #${step.index} by "${name}" — publish these hashes:`)
  for (const [circuit, record] of Object.entries(step.zkeys)) {
    out(`  ${circuit}: ${record.hash}`)
    out(formatHashLikeSnarkjs(record.hash!))
  }
  out('')
  out(
    `send back state.json and ${Object.values(step.zkeys)
      .map((z) => z.file)
      .join(', ')}`,
  )
  return step
}
