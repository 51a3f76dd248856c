/** `beacon`: the last step, from a public random value announced in advance (a future block hash). */
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { checkInputs, checkName, planStep } from './contribute.js'
import { CeremonyError, out } from './errors.js'
import { sha256File } from './hash.js'
import { CapturingLogger, formatHashLikeSnarkjs, snarkjs, toHex } from './snark.js'
import { latestStep, loadState, type Step, saveState, zkeyFile } from './state.js'

export type BeaconOptions = {
  dir: string
  hash: string
  iterations: string | number
  name?: string
  in?: string
  out?: string
  verbose?: boolean
}

export const DEFAULT_BEACON_NAME = 'final beacon'
export const FINAL_SET = 'final'

/** A beacon value as snarkjs takes it: 1 to 255 bytes of hex, without 0x. */
export function parseBeaconHash(value: string): string {
  const hex = value.trim().toLowerCase().replace(/^0x/, '')
  if (!/^[0-9a-f]+$/.test(hex) || hex.length % 2 !== 0 || hex.length > 510)
    throw new CeremonyError('--hash must be 1 to 255 bytes of hexadecimal (a block hash, say)')
  return hex
}

/** snarkjs hashes the value 2^N times; it accepts N from 10 to 63. */
export function parseIterations(value: string | number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 10 || n > 63)
    throw new CeremonyError('--iterations is the exponent N of 2^N hash iterations, 10 to 63')
  return n
}

export async function beacon(options: BeaconOptions): Promise<Step> {
  const dir = resolve(options.dir)
  const state = loadState(dir)
  const beaconHash = parseBeaconHash(options.hash)
  const iterations = parseIterations(options.iterations)
  const name = checkName(options.name ?? DEFAULT_BEACON_NAME)
  if (!state.contributions.some((c) => c.kind === 'contribution'))
    throw new CeremonyError('no contribution yet: a beacon alone is public, so it hides nothing')
  const { from, to } = planStep(dir, state, options.in, options.out, FINAL_SET)
  await checkInputs(dir, latestStep(state))
  const step: Step = {
    index: state.contributions.length + 1,
    kind: 'beacon',
    name,
    set: to,
    from,
    at: new Date().toISOString(),
    zkeys: {},
    beacon: { hash: beaconHash, iterations },
  }
  const written: string[] = []
  try {
    for (const c of state.circuits) {
      const started = Date.now()
      const file = zkeyFile(c.name, to)
      const output = join(dir, file)
      written.push(output)
      const logger = new CapturingLogger(options.verbose)
      const hash = await snarkjs.zKey.beacon(
        join(dir, zkeyFile(c.name, from)),
        output,
        name,
        beaconHash,
        iterations,
        logger,
      )
      if (!(hash instanceof Uint8Array))
        throw new CeremonyError(`${c.name}: beacon failed: ${logger.errors.join('; ')}`)
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
  out(`beacon #${step.index} "${name}": value ${beaconHash}, 2^${iterations} iterations`)
  for (const [circuit, record] of Object.entries(step.zkeys)) {
    out(`  ${circuit}: ${record.hash}`)
    out(formatHashLikeSnarkjs(record.hash!))
  }
  out('the ceremony is closed; run verify, then export')
  return step
}
