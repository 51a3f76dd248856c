import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { snarkjs } from '../../scripts/ceremony/snark.js'

// A phase-1 file made here with one random contribution: what tests hand to
// `ceremony init --unlisted-ptau` (the published files cannot be downloaded
// here). Two steps, so a test can give each its own timeout.

/** Phase 1 of 2^`power` with one contribution, written to `out`. */
export async function contributePhase1(power: number, out: string, workDir: string): Promise<void> {
  const first = join(workDir, 'pot_0.ptau')
  const curve = await snarkjs.curves.getCurveFromName('bn128')
  try {
    await snarkjs.powersOfTau.newAccumulator(curve, power, first)
    await snarkjs.powersOfTau.contribute(
      first,
      out,
      'test phase 1',
      randomBytes(32).toString('hex'),
    )
  } finally {
    await curve.terminate()
    await rm(first, { force: true })
  }
}

/** The phase-1 file `input` prepared for phase 2, written to `out`. */
export async function preparePhase2(input: string, out: string): Promise<void> {
  await snarkjs.powersOfTau.preparePhase2(input, out)
}

/** Both steps: a phase-1 file of 2^`power` ready for phase 2 at `out`. */
export async function makePtau(power: number, out: string, workDir: string): Promise<void> {
  const raw = join(workDir, 'pot_1.ptau')
  try {
    await contributePhase1(power, raw, workDir)
    await preparePhase2(raw, out)
  } finally {
    await rm(raw, { force: true })
  }
}
