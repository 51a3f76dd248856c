import type { ProveStage } from '../lib/prover/types.js'
import type { Output } from './output.js'

const stageLabels: Record<Exclude<ProveStage, 'done'> | 'submitting', string> = {
  loading: 'loading the proving key',
  witness: 'computing the witness',
  proving: 'proving',
  submitting: 'submitting',
}

/** A stage of a spend, as the wallet reports it. */
export type Stage = ProveStage | 'submitting'

/**
 * Reports the stages of a spend on stderr, one line each with the time it
 * took (on a terminal the time is appended when the stage ends).
 */
export function createStageReporter(output: Output) {
  let current: { label: string; start: number } | undefined
  const finish = () => {
    if (current && output.interactive)
      output.progress(` ${((performance.now() - current.start) / 1000).toFixed(1)}s\n`)
    current = undefined
  }
  return {
    stage(stage: Stage) {
      finish()
      if (stage === 'done') return
      const label = stageLabels[stage]
      current = { label, start: performance.now() }
      output.progress(output.interactive ? `${label}…` : `${label}…\n`)
    },
    /** Ends the last stage's line. */
    done: finish,
  }
}

/**
 * A progress bar on stderr for a block range, drawn only on a terminal (a log
 * gets no redraws).
 */
export function createProgressBar(output: Output, label: string) {
  let drawn = false
  return {
    update(fromBlock: bigint, toBlock: bigint, doneBlock: bigint) {
      if (!output.interactive) return
      const total = toBlock - fromBlock + 1n
      const fraction =
        total > 0n ? Number(((doneBlock - fromBlock + 1n) * 1000n) / total) / 1000 : 1
      const width = 30
      const filled = Math.round(fraction * width)
      const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`
      output.progress(
        `\r\x1b[K${label} [${bar}] ${Math.round(fraction * 100)}% blocks ${fromBlock}–${toBlock}`,
      )
      drawn = true
    },
    done() {
      if (drawn) output.progress('\n')
      drawn = false
    },
  }
}
