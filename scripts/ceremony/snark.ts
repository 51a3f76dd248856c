/**
 * The snarkjs functions the ceremony uses, typed. lib/types/snarkjs.d.ts
 * only types what the wallet needs, so this module casts the import to the
 * signatures of snarkjs 0.7.6 (node_modules/snarkjs/build/main.cjs).
 */
import * as snarkjsModule from 'snarkjs'

/** What snarkjs calls on the optional logger argument of every function. */
export type SnarkLogger = {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
  log(message: string): void
}

type Api = {
  powersOfTau: {
    newAccumulator(
      curve: unknown,
      power: number,
      out: string,
      logger?: SnarkLogger,
    ): Promise<unknown>
    contribute(
      oldPtau: string,
      newPtau: string,
      name: string,
      entropy: string,
      logger?: SnarkLogger,
    ): Promise<Uint8Array>
    preparePhase2(oldPtau: string, newPtau: string, logger?: SnarkLogger): Promise<void>
    /** true when every contribution and the prepared phase-2 sections check out. */
    verify(ptau: string, logger?: SnarkLogger): Promise<boolean>
  }
  zKey: {
    /** The circuit hash (blake2b-512), or -1 after logging an error. */
    newZKey(r1cs: string, ptau: string, out: string, logger?: SnarkLogger): Promise<Uint8Array | -1>
    /** The contribution hash (blake2b-512). */
    contribute(
      oldZkey: string,
      newZkey: string,
      name: string,
      entropy: string,
      logger?: SnarkLogger,
    ): Promise<Uint8Array>
    /** The contribution hash, or false after logging an invalid argument. */
    beacon(
      oldZkey: string,
      newZkey: string,
      name: string,
      beaconHashHex: string,
      numIterationsExp: number,
      logger?: SnarkLogger,
    ): Promise<Uint8Array | false>
    verifyFromR1cs(r1cs: string, ptau: string, zkey: string, logger?: SnarkLogger): Promise<boolean>
    verifyFromInit(
      initZkey: string,
      ptau: string,
      zkey: string,
      logger?: SnarkLogger,
    ): Promise<boolean>
    exportVerificationKey(zkey: string, logger?: SnarkLogger): Promise<unknown>
    exportSolidityVerifier(
      zkey: string,
      templates: { groth16: string },
      logger?: SnarkLogger,
    ): Promise<string>
  }
  curves: { getCurveFromName(name: string): Promise<{ terminate(): Promise<void> }> }
  /** Only for checking exported keys end to end (tests). */
  groth16: {
    fullProve(
      input: unknown,
      wasm: string,
      zkey: string,
    ): Promise<{ proof: unknown; publicSignals: string[] }>
    verify(vkey: unknown, publicSignals: string[], proof: unknown): Promise<boolean>
  }
}

export const snarkjs = snarkjsModule as unknown as Api

/** A logger that keeps every message (for parsing) and echoes them when verbose. */
export class CapturingLogger implements SnarkLogger {
  readonly infos: string[] = []
  readonly errors: string[] = []

  constructor(private readonly verbose = false) {}

  debug(message: string) {
    if (this.verbose) process.stderr.write(`  [snarkjs] ${message}\n`)
  }
  info(message: string) {
    this.infos.push(String(message))
    if (this.verbose) process.stderr.write(`  [snarkjs] ${message}\n`)
  }
  log(message: string) {
    this.info(message)
  }
  warn(message: string) {
    process.stderr.write(`  [snarkjs] ${message}\n`)
  }
  error(message: string) {
    this.errors.push(String(message))
    process.stderr.write(`  [snarkjs] ${message}\n`)
  }
}

/** Hex of a hash snarkjs returned. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

/** The 4×4 groups of 8 hex digits in which snarkjs prints a blake2b-512 hash. */
export function formatHashLikeSnarkjs(hex: string, indent = '    '): string {
  const lines: string[] = []
  for (let i = 0; i < 4; i++) {
    const words: string[] = []
    for (let j = 0; j < 4; j++) words.push(hex.slice(i * 32 + j * 8, i * 32 + j * 8 + 8))
    lines.push(indent + words.join(' '))
  }
  return lines.join('\n')
}

export type ChainEntry = {
  index: number
  name: string
  hash: string
  beacon?: { hash: string; iterations: number }
}

/**
 * The contributions as `zKey.verifyFromInit` reports them after a successful
 * check: "contribution #N name:" followed by the hash in snarkjs's 4×4 layout,
 * then for a beacon "Beacon generator: HEX" and "Beacon iterations Exp: N".
 * These hashes are computed by snarkjs from the zkey itself.
 */
export function parseVerifiedChain(infos: readonly string[]): ChainEntry[] {
  const entries: ChainEntry[] = []
  let last: ChainEntry | undefined
  for (const message of infos) {
    const c = /^contribution #(\d+) ?(.*):\n([\s0-9a-f]+)$/.exec(message)
    if (c) {
      last = { index: Number(c[1]), name: c[2]!, hash: c[3]!.replace(/\s+/g, '') }
      entries.push(last)
      continue
    }
    const g = /^Beacon generator: ([0-9a-f]+)$/.exec(message)
    if (g && last) last.beacon = { hash: g[1]!, iterations: last.beacon?.iterations ?? 0 }
    const n = /^Beacon iterations Exp: (\d+)$/.exec(message)
    if (n && last?.beacon) last.beacon.iterations = Number(n[1])
  }
  return entries.sort((a, b) => a.index - b.index)
}
