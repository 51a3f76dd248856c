/**
 * Builds the transaction circuits and their development trusted setup.
 *
 *   tsx scripts/build-circuits.ts           compile, set up, write artifacts
 *   tsx scripts/build-circuits.ts --check   recompile and compare with the
 *                                           committed manifest (CI)
 *
 * The setup is deterministic and NOT FOR PRODUCTION: powers of tau and the
 * circuit-specific phase are both finished by a public beacon, so anyone can
 * rebuild the same keys (and so anyone knows the toxic waste). docs/circuits.md
 * says how a real ceremony replaces it.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as snarkjs from 'snarkjs'
import { constraintsOf } from './r1cs.js'

const root = resolve(import.meta.dirname, '..')
const circuitsDir = join(root, 'circuits')
const publicDir = join(root, 'public', 'circuits')
const verifierDir = join(root, 'contracts', 'generated')
const manifestPath = join(publicDir, 'manifest.json')
const ptauDir = join(root, '.cache', 'ptau')

export const variants = [
  { name: 'tx1', inputs: 1 },
  { name: 'tx2', inputs: 2 },
  { name: 'tx8', inputs: 8 },
] as const

const PTAU_POWER = 16
const BEACON_TEXT = 'zkpay development setup - NOT FOR PRODUCTION'
const BEACON_HASH = sha256(Buffer.from(BEACON_TEXT))
const BEACON_ITERATIONS_EXP = 10

type Manifest = {
  protocol: 2
  note: string
  ptau: { power: number; sha256: string }
  variants: Record<
    string,
    {
      inputs: number
      outputs: 2
      levels: 20
      batchLevels: 5
      constraints: number
      publicInputs: number
      r1csSha256: string
      wasm: { file: string; sha256: string; bytes: number }
      zkey: { file: string; sha256: string; bytes: number }
      vkey: { file: string; sha256: string }
      verifier: { file: string; contract: string; sha256: string }
    }
  >
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

function fileSha256(path: string): string {
  return sha256(readFileSync(path))
}

function log(message: string) {
  process.stdout.write(`[circuits] ${message}\n`)
}

/** circom2 (WASM) only reads files below its working directory: run it from the repo root. */
function compile(name: string, outDir: string): { r1cs: string; wasm: string } {
  mkdirSync(outDir, { recursive: true })
  execFileSync(
    join(root, 'node_modules', '.bin', 'circom2'),
    [
      join('circuits', `${name}.circom`),
      '--r1cs',
      '--wasm',
      '--O2',
      '-l',
      'node_modules',
      '-o',
      outDir,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  return { r1cs: join(outDir, `${name}.r1cs`), wasm: join(outDir, `${name}_js`, `${name}.wasm`) }
}

async function ensurePtau(): Promise<string> {
  const final = join(ptauDir, `pot${PTAU_POWER}_final.ptau`)
  if (existsSync(final)) return final
  mkdirSync(ptauDir, { recursive: true })
  const fresh = join(ptauDir, `pot${PTAU_POWER}_0000.ptau`)
  const beacon = join(ptauDir, `pot${PTAU_POWER}_beacon.ptau`)
  log(`powers of tau 2^${PTAU_POWER}: new + beacon + prepare phase2 (about 25 minutes on 2 cores)`)
  await snarkjs.powersOfTau.newAccumulator(await curve(), PTAU_POWER, fresh)
  await snarkjs.powersOfTau.beacon(
    fresh,
    beacon,
    'zkpay dev beacon',
    BEACON_HASH,
    BEACON_ITERATIONS_EXP,
  )
  await snarkjs.powersOfTau.preparePhase2(beacon, `${final}.tmp`)
  copyFileSync(`${final}.tmp`, final)
  rmSync(`${final}.tmp`)
  rmSync(fresh)
  rmSync(beacon)
  return final
}

let bn128: unknown
async function curve() {
  bn128 ??= await snarkjs.curves.getCurveFromName('bn128')
  return bn128
}

async function build() {
  const ptau = await ensurePtau()
  const buildDir = join(circuitsDir, 'build')
  mkdirSync(publicDir, { recursive: true })
  mkdirSync(verifierDir, { recursive: true })
  const template = readFileSync(
    join(root, 'node_modules', 'snarkjs', 'templates', 'verifier_groth16.sol.ejs'),
    'utf8',
  )
  const manifest: Manifest = {
    protocol: 2,
    note: `Development setup, NOT FOR PRODUCTION: beacon "${BEACON_TEXT}". See docs/circuits.md.`,
    ptau: { power: PTAU_POWER, sha256: fileSha256(ptau) },
    variants: {},
  }
  for (const v of variants) {
    const started = Date.now()
    log(`${v.name}: compile`)
    const { r1cs, wasm } = compile(v.name, buildDir)
    const zkey0 = join(buildDir, `${v.name}_0000.zkey`)
    const zkey = join(publicDir, `${v.name}.zkey`)
    log(`${v.name}: groth16 setup`)
    await snarkjs.zKey.newZKey(r1cs, ptau, zkey0)
    await snarkjs.zKey.beacon(zkey0, zkey, 'zkpay dev beacon', BEACON_HASH, BEACON_ITERATIONS_EXP)
    rmSync(zkey0)
    const vkey = await snarkjs.zKey.exportVerificationKey(zkey)
    const vkeyPath = join(publicDir, `${v.name}.vkey.json`)
    writeFileSync(vkeyPath, `${JSON.stringify(vkey, null, 2)}\n`)
    copyFileSync(wasm, join(publicDir, `${v.name}.wasm`))
    const contract = `Verifier${v.inputs}`
    const solidity = (
      await snarkjs.zKey.exportSolidityVerifier(zkey, { groth16: template })
    ).replace('contract Groth16Verifier', `contract ${contract}`)
    const verifierPath = join(verifierDir, `${contract}.sol`)
    writeFileSync(verifierPath, solidity)
    manifest.variants[v.name] = {
      inputs: v.inputs,
      outputs: 2,
      levels: 20,
      batchLevels: 5,
      constraints: constraintsOf(r1cs),
      publicInputs: 5 + v.inputs + 2,
      r1csSha256: fileSha256(r1cs),
      wasm: { file: `${v.name}.wasm`, sha256: fileSha256(wasm), bytes: readFileSync(wasm).length },
      zkey: { file: `${v.name}.zkey`, sha256: fileSha256(zkey), bytes: readFileSync(zkey).length },
      vkey: { file: `${v.name}.vkey.json`, sha256: fileSha256(vkeyPath) },
      verifier: {
        file: `contracts/generated/${contract}.sol`,
        contract,
        sha256: fileSha256(verifierPath),
      },
    }
    log(
      `${v.name}: ${manifest.variants[v.name]!.constraints} constraints, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`)
  log(`wrote ${manifestPath}`)
}

/** Recompiles the sources and checks them, and every committed artifact, against the manifest. */
function check() {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest
  const tmp = join(tmpdir(), `zkpay-circuits-${process.pid}`)
  const problems: string[] = []
  try {
    for (const v of variants) {
      const entry = manifest.variants[v.name]
      if (!entry) {
        problems.push(`${v.name}: missing from the manifest`)
        continue
      }
      log(`${v.name}: recompile`)
      const { r1cs, wasm } = compile(v.name, tmp)
      if (fileSha256(r1cs) !== entry.r1csSha256)
        problems.push(
          `${v.name}: circuit sources changed (r1cs differs); run npm run build:circuits`,
        )
      if (fileSha256(wasm) !== entry.wasm.sha256)
        problems.push(`${v.name}: witness wasm differs from the compiled sources`)
      const committed = [
        [join(publicDir, entry.wasm.file), entry.wasm.sha256],
        [join(publicDir, entry.zkey.file), entry.zkey.sha256],
        [join(publicDir, entry.vkey.file), entry.vkey.sha256],
        [join(root, entry.verifier.file), entry.verifier.sha256],
      ] as const
      for (const [path, hash] of committed) {
        if (!existsSync(path)) problems.push(`${v.name}: ${path} is missing`)
        else if (fileSha256(path) !== hash)
          problems.push(`${v.name}: ${path} does not match the manifest`)
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`[circuits] ${p}\n`)
    process.exit(1)
  }
  log('circuit artifacts match the sources')
}

if (process.argv.includes('--check')) check()
else await build()
process.exit(0)
