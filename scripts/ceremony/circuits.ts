/** Choosing the circuits of a ceremony and compiling them with circom 2 (the circom2 package). */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { basename, isAbsolute, join, relative, resolve } from 'node:path'
import { CeremonyError } from './errors.js'

export const repoRoot = resolve(import.meta.dirname, '..', '..')
export const DEFAULT_CIRCUITS = 'tx1,tx2,tx8'

export type CircuitSpec = { name: string; source: string }

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/

/**
 * `--circuits tx1,tx2` names main files in circuits/; `--circuit-file PATH`
 * (repeatable) takes any main file instead, named after its file name.
 */
export function selectCircuits(options: {
  circuits?: string
  circuitFiles?: readonly string[]
}): CircuitSpec[] {
  const files = options.circuitFiles ?? []
  if (files.length > 0 && options.circuits)
    throw new CeremonyError('give either --circuits or --circuit-file, not both')
  const specs: CircuitSpec[] =
    files.length > 0
      ? files.map((file) => ({
          name: basename(file).replace(/\.circom$/, ''),
          source: resolve(file),
        }))
      : (options.circuits ?? DEFAULT_CIRCUITS)
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean)
          .map((name) => ({ name, source: join(repoRoot, 'circuits', `${name}.circom`) }))
  if (specs.length === 0) throw new CeremonyError('no circuits selected')
  const seen = new Set<string>()
  for (const spec of specs) {
    if (!NAME.test(spec.name)) throw new CeremonyError(`bad circuit name "${spec.name}"`)
    if (seen.has(spec.name)) throw new CeremonyError(`circuit ${spec.name} is selected twice`)
    seen.add(spec.name)
    if (!existsSync(spec.source)) throw new CeremonyError(`no circuit source at ${spec.source}`)
  }
  return specs
}

/** The source path as the state records it: relative to the repository when inside it. */
export function displaySource(source: string): string {
  const rel = relative(repoRoot, source)
  return rel.startsWith('..') || isAbsolute(rel) ? source : rel
}

export function sourcePath(recorded: string): string {
  return resolve(repoRoot, recorded)
}

/** tx1 → Verifier1, tx8 → Verifier8 (as scripts/build-circuits.ts names them); else VerifierName. */
export function contractName(circuit: string): string {
  const tx = /^tx(\d+)$/.exec(circuit)
  if (tx) return `Verifier${tx[1]}`
  const ident = circuit.replace(/[^A-Za-z0-9_]/g, '_')
  return `Verifier${ident.charAt(0).toUpperCase()}${ident.slice(1)}`
}

/**
 * circom2 (WASM) reaches files through relative paths from its working
 * directory: run it from the repository root, with circomlib from node_modules.
 */
export function compileCircuit(spec: CircuitSpec, outDir: string): { r1cs: string; wasm: string } {
  mkdirSync(outDir, { recursive: true })
  try {
    execFileSync(
      join(repoRoot, 'node_modules', '.bin', 'circom2'),
      [spec.source, '--r1cs', '--wasm', '--O2', '-l', 'node_modules', '-o', outDir],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
    )
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours
    const text = `${e.stderr ?? ''}\n${e.stdout ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '')
    const first = text.split('\n').find((l) => /error/i.test(l)) ?? e.message
    throw new CeremonyError(`${spec.name}: circom failed: ${first.trim()}`)
  }
  const r1cs = join(outDir, `${spec.name}.r1cs`)
  const wasm = join(outDir, `${spec.name}_js`, `${spec.name}.wasm`)
  if (!existsSync(r1cs) || !existsSync(wasm))
    throw new CeremonyError(`${spec.name}: circom wrote no r1cs or wasm`)
  return { r1cs, wasm }
}

export { constraintsOf } from '../r1cs.js'
