/**
 * The phase-2 ceremony tool (scripts/ceremony.ts) driven as a real process,
 * on a tiny circuit and a tiny phase-1 file made here: the tx circuits take
 * minutes per step.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { blake2b } from '@noble/hashes/blake2.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Manifest, Transcript } from '../../scripts/ceremony/artifacts.js'
import { blake2b512File, sha256File } from '../../scripts/ceremony/hash.js'
import { findListed, listedPtaus } from '../../scripts/ceremony/ptau.js'
import { snarkjs } from '../../scripts/ceremony/snark.js'
import type { CeremonyState } from '../../scripts/ceremony/state.js'
import { makePtau } from '../helpers/ptau.js'

const root = resolve(import.meta.dirname, '..', '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const cli = join(root, 'scripts', 'ceremony.ts')

/** Ample for the circuit below, and prepared in about a second (2^8 takes five on 2 busy cores). */
const PTAU_POWER = 6

const CIRCUIT = `pragma circom 2.0.0;
template Tiny() {
  signal input a;
  signal input b;
  signal output c;
  signal t;
  t <== a * b;
  c <== t * a + b;
}
component main {public [a]} = Tiny();
`

type Result = { code: number; stdout: string; stderr: string }

/** `tsx scripts/ceremony.ts <args>` as a child process (spawn: the worker's event loop stays free). */
function ceremony(...args: string[]): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tsx, [cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }))
  })
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T
}

/** The hash `contribute` or `beacon` printed for the tiny circuit. */
function printedHash(result: Result): string {
  const match = /^ {2}tiny: ([0-9a-f]{128})$/m.exec(result.stdout)
  if (!match) throw new Error(`no hash in:\n${result.stdout}\n${result.stderr}`)
  return match[1]!
}

let work: string
let ptau: string
let circuitFile: string
let dir: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'zkpay-ceremony-test-'))
  ptau = join(work, `pot${PTAU_POWER}.ptau`)
  await makePtau(PTAU_POWER, ptau, work)
  circuitFile = join(work, 'tiny.circom')
  await writeFile(circuitFile, CIRCUIT)
  dir = join(work, 'ceremony')
}, 120_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe('ceremony', { timeout: 120_000 }, () => {
  it('lists the published Hermez phase-1 files by blake2b-512', async () => {
    const files = listedPtaus()
    expect(files.map((f) => f.power)).toEqual(Array.from({ length: 21 }, (_, i) => i + 8))
    for (const f of files) expect(f.blake2b512).toMatch(/^[0-9a-f]{128}$/)
    expect(findListed(files[8]!.blake2b512)?.name).toBe('powersOfTau28_hez_final_16.ptau')
    // The file hash is blake2b-512 over the whole file, as @noble/hashes computes it.
    const noble = Buffer.from(blake2b(await readFile(ptau), { dkLen: 64 })).toString('hex')
    expect(await blake2b512File(ptau)).toBe(noble)
    expect(findListed(noble)).toBeUndefined()
  })

  it('init refuses an unlisted phase-1 file without --unlisted-ptau and changes nothing', async () => {
    const r = await ceremony('init', '--dir', dir, '--ptau', ptau, '--circuit-file', circuitFile)
    expect(r.code).toBe(2)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/refused: .*not on the published list.*--unlisted-ptau/)
    expect(existsSync(dir)).toBe(false)
  })

  it('init accepts it with --unlisted-ptau, records that and warns', async () => {
    const r = await ceremony(
      'init',
      '--dir',
      dir,
      '--ptau',
      ptau,
      '--circuit-file',
      circuitFile,
      '--unlisted-ptau',
    )
    expect(r.stderr).toMatch(/WARNING: .*UNLISTED phase-1 file/)
    expect(r.code).toBe(0)
    const state = await readJson<CeremonyState>(join(dir, 'state.json'))
    expect(state.ptau).toMatchObject({ unlisted: true, listedAs: null, power: PTAU_POWER })
    expect(state.ptau.blake2b512).toBe(await blake2b512File(ptau))
    expect(state.circuits.map((c) => [c.name, c.contract, c.constraints])).toEqual([
      ['tiny', 'VerifierTiny', 2],
    ])
    expect(existsSync(join(dir, 'build', 'tiny.r1cs'))).toBe(true)
    expect(existsSync(join(dir, 'tiny_0000.zkey'))).toBe(true)
    expect(state.contributions).toEqual([])
  })

  it('two participants contribute in turn; each gets its own hash, recorded in order', async () => {
    const alice = await ceremony('contribute', '--dir', dir, '--name', 'alice')
    expect(alice.code).toBe(0)
    expect(alice.stderr).toMatch(/WARNING: .*UNLISTED/)
    const bob = await ceremony(
      'contribute',
      '--dir',
      dir,
      '--in',
      '0001',
      '--out',
      '0002',
      '--name',
      'bob',
    )
    expect(bob.code).toBe(0)
    const [a, b] = [printedHash(alice), printedHash(bob)]
    expect(a).not.toBe(b)
    const state = await readJson<CeremonyState>(join(dir, 'state.json'))
    expect(state.contributions.map((c) => [c.name, c.from, c.set, c.zkeys.tiny!.hash])).toEqual([
      ['alice', '0000', '0001', a],
      ['bob', '0001', '0002', b],
    ])
    // Only on top of the latest set.
    const stale = await ceremony('contribute', '--dir', dir, '--in', '0001', '--name', 'eve')
    expect(stale.code).toBe(1)
    expect(stale.stderr).toMatch(/not the latest zkey set \(0002\)/)
  })

  it('the same contribution twice gives different hashes (fresh randomness)', async () => {
    const copies = [join(work, 'copy-a'), join(work, 'copy-b')]
    for (const copy of copies) await cp(dir, copy, { recursive: true })
    // Two light processes at once: mostly start-up time.
    const runs = await Promise.all(
      copies.map((copy) => ceremony('contribute', '--dir', copy, '--name', 'carol')),
    )
    for (const r of runs) expect(r.code).toBe(0)
    const hashes = runs.map(printedHash)
    expect(hashes[0]).not.toBe(hashes[1])
    const zkeys = await Promise.all(copies.map((c) => sha256File(join(c, 'tiny_0003.zkey'))))
    expect(zkeys[0]).not.toBe(zkeys[1])
  })

  it('beacon closes the ceremony', async () => {
    const value = randomBytes(32).toString('hex')
    const r = await ceremony('beacon', '--dir', dir, '--hash', `0x${value}`, '--iterations', '10')
    expect(r.code).toBe(0)
    const state = await readJson<CeremonyState>(join(dir, 'state.json'))
    const last = state.contributions.at(-1)!
    expect(last).toMatchObject({
      kind: 'beacon',
      set: 'final',
      beacon: { hash: value, iterations: 10 },
    })
    expect(last.zkeys.tiny!.hash).toBe(printedHash(r))
    const after = await ceremony('contribute', '--dir', dir, '--name', 'mallory')
    expect(after.code).toBe(1)
    expect(after.stderr).toMatch(/closed by its beacon/)
  })

  it('export writes the artifacts, the transcript and a manifest of their hashes', async () => {
    const out = join(work, 'export')
    const r = await ceremony('export', '--dir', dir, '--out', out)
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/WARNING: .*UNLISTED/)
    const manifest = await readJson<Manifest>(join(out, 'manifest.json'))
    expect(await sha256File(join(out, manifest.transcript.file))).toBe(manifest.transcript.sha256)
    const tiny = manifest.circuits.tiny!
    expect(Object.values(tiny).map((f) => f.file)).toEqual([
      'tiny.zkey',
      'tiny.vkey.json',
      'VerifierTiny.sol',
      'tiny.wasm',
    ])
    for (const entry of Object.values(tiny))
      expect(await sha256File(join(out, entry.file))).toBe(entry.sha256)
    expect(await readFile(join(out, 'VerifierTiny.sol'), 'utf8')).toMatch(/contract VerifierTiny /)
    const state = await readJson<CeremonyState>(join(dir, 'state.json'))
    expect(tiny.zkey.sha256).toBe(state.contributions.at(-1)!.zkeys.tiny!.sha256)
    const transcript = await readJson<Transcript>(join(out, 'transcript.json'))
    expect(transcript.unlisted).toBe(true)
    expect(transcript.phase1.blake2b512).toBe(state.ptau.blake2b512)
    expect(transcript.contributions.map((c) => [c.name, c.hashes.tiny])).toEqual(
      state.contributions.slice(0, 2).map((c) => [c.name, c.zkeys.tiny!.hash]),
    )
    expect(transcript.beacon).toMatchObject({ value: state.contributions[2]!.beacon!.hash })
    // The exported keys prove and verify: a·b·a + b with a = 3, b = 5.
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(
      { a: 3, b: 5 },
      join(out, 'tiny.wasm'),
      join(out, 'tiny.zkey'),
    )
    expect(publicSignals).toEqual(['50', '3'])
    const vkey = await readJson<unknown>(join(out, 'tiny.vkey.json'))
    expect(await snarkjs.groth16.verify(vkey, publicSignals, proof)).toBe(true)
  })

  it('verify checks the whole chain and the export and prints every contribution', async () => {
    const r = await ceremony('verify', '--dir', dir, '--export', join(work, 'export'))
    expect(r.stderr).not.toMatch(/FAIL/)
    expect(r.code).toBe(0)
    const state = await readJson<CeremonyState>(join(dir, 'state.json'))
    for (const c of state.contributions)
      expect(r.stdout).toContain(`#${c.index} "${c.name}": ${c.zkeys.tiny!.hash}`)
    expect(r.stdout).toContain(`beacon ${state.contributions[2]!.beacon!.hash}, 2^10 iterations`)
    expect(r.stdout).toMatch(/every file matches the manifest/)
    expect(r.stderr).toMatch(/WARNING: .*UNLISTED/)
  })

  it('a tampered zkey fails verify, even when state.json is changed to match it', async () => {
    const copy = join(work, 'tampered')
    await cp(dir, copy, { recursive: true })
    const zkeyPath = join(copy, 'tiny_final.zkey')
    const zkey = await readFile(zkeyPath)
    zkey[Math.floor(zkey.length * 0.6)]! ^= 0xff
    await writeFile(zkeyPath, zkey)
    const state = await readJson<CeremonyState>(join(copy, 'state.json'))
    state.contributions.at(-1)!.zkeys.tiny!.sha256 = await sha256File(zkeyPath)
    await writeFile(join(copy, 'state.json'), JSON.stringify(state))
    const r = await ceremony('verify', '--dir', copy, '--skip-ptau-verify')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/FAIL: tiny: snarkjs verification of tiny_final\.zkey FAILED/)
    expect(r.stdout).not.toMatch(/^OK/m)
  })
})
