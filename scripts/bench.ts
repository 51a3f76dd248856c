/**
 * `npm run bench`: measures what users feel and what they pay, prints a table
 * and writes bench/results.json. Real proofs, a real anvil chain, and the
 * built extension in Chromium (scripts/bench/browser.ts).
 *
 * `npm run bench -- --only <part>[,<part>]` runs some parts (prove, gas, relay,
 * scan, tree, browser) and updates just their figures in bench/results.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as snarkjs from 'snarkjs'
import { parseUnits } from 'viem'
import { circuits } from '../lib/circuits.js'
import { PoolTree } from '../lib/epochTree.js'
import { deriveKeys, generateMnemonic } from '../lib/keys.js'
import { loadVerificationKey } from '../lib/node/loadCircuitArtifacts.js'
import { commitment } from '../lib/note.js'
import { encryptNote } from '../lib/noteEncryption.js'
import { createNoteScanner } from '../lib/noteScanner.js'
import { toPoolProof } from '../lib/pool/transactArgs.js'
import { createRelaySubmitter } from '../lib/relayer/createRelaySubmitter.js'
import { buildTransaction, type PreparedTransaction } from '../lib/transaction/buildTransaction.js'
import { prepareTransfer } from '../lib/transaction/prepare.js'
import type { PoolWallet } from '../lib/wallet/createPoolWallet.js'
import { type LocalChain, startLocalChain } from '../tests/helpers/localChain.js'
import { nodeProver } from '../tests/helpers/prover.js'
import { newWallet } from '../tests/helpers/wallets.js'
import { startRelayer } from '../tests/relayer/fixture.js'
import { benchBrowser } from './bench/browser.js'
import { benchGasBySize } from './bench/gasBySize.js'

const root = resolve(import.meta.dirname, '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`)

async function proofInput(inputs: number): Promise<PreparedTransaction> {
  const keys = deriveKeys(generateMnemonic())
  const leaves: bigint[] = []
  const notes = []
  for (let i = 0; i < 64; i++) {
    const blinding = BigInt(i + 1)
    const rho = BigInt(1000 + i)
    const c = commitment({ amount: 10n, ownerKey: keys.ownerKey, blinding, rho })
    leaves.push(c)
    if (notes.length < inputs)
      notes.push({ amount: 10n, blinding, rho, leafIndex: i, commitment: c })
  }
  return buildTransaction({
    keys,
    poolId: { chainId: 31337, pool: '0x0000000000000000000000000000000000000001' },
    history: { kind: 'merge', amount: 10n * BigInt(inputs), memo: '' },
    inputs: notes,
    outputs: [
      {
        amount: 10n * BigInt(inputs),
        ownerKey: keys.ownerKey,
        viewingPublicKey: keys.viewingKey.publicKey,
      },
    ],
    tree: new PoolTree({ leaves }),
  })
}

async function benchProving() {
  const manifest = JSON.parse(
    readFileSync(join(root, 'public', 'circuits', 'manifest.json'), 'utf8'),
  )
  const result: Record<
    string,
    { constraints: number; proveMs: number; proveRuns: number[]; verifyMs: number }
  > = {}
  for (const c of circuits) {
    const prepared = await proofInput(c.inputs)
    await nodeProver.preload(c.name)
    const vkey = await loadVerificationKey(c.name)
    const runs: number[] = []
    const verifies: number[] = []
    // One warm-up proof: the first loads wasm and sets up worker threads.
    await nodeProver.prove({ circuit: c.name, input: prepared.input })
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now()
      const { rawProof, publicSignals } = await nodeProver.prove({
        circuit: c.name,
        input: prepared.input,
      })
      runs.push(performance.now() - t0)
      const t1 = performance.now()
      if (!(await snarkjs.groth16.verify(vkey, publicSignals, rawProof)))
        throw new Error('proof did not verify')
      verifies.push(performance.now() - t1)
    }
    result[c.name] = {
      constraints: manifest.variants[c.name].constraints,
      proveMs: round(median(runs)),
      proveRuns: runs.map((r) => round(r)),
      verifyMs: round(median(verifies)),
    }
    log(`${c.name}: prove ${result[c.name]!.proveMs} ms, verify ${result[c.name]!.verifyMs} ms`)
  }
  return result
}

async function benchRelayPart() {
  const chain = await startLocalChain()
  try {
    const units = (x: string) => parseUnits(x, 18)
    const alice = await newWallet(chain, units('1000'))
    const bob = await newWallet(chain)
    await alice.shield(units('500'))
    return await benchRelay(chain, alice, bob.address)
  } finally {
    await chain.stop()
  }
}

/** Relay latency, request → receipt, and a whole payment through the relayer (prove + relay). */
async function benchRelay(chain: LocalChain, payer: PoolWallet, to: string) {
  const relayer = await startRelayer(chain)
  try {
    const relay = createRelaySubmitter(relayer.url)
    const relayRuns: number[] = []
    const payRuns: number[] = []
    for (let i = 0; i < RUNS; i++) {
      await payer.sync()
      const prepared = await prepareTransfer({
        keys: payer.keys,
        state: payer.state,
        chainId: chain.deployment.chainId,
        to,
        amount: 10n ** 16n,
        fee: await relay.fee('tx1'),
        relayer: await relay.relayer(),
      })
      const t0 = performance.now()
      const { proof } = await nodeProver.prove({ circuit: prepared.circuit, input: prepared.input })
      const t1 = performance.now()
      await relay.submit({
        pool: chain.deployment.pool,
        proof: toPoolProof(prepared, proof),
        extData: prepared.extData,
      })
      const t2 = performance.now()
      relayRuns.push(t2 - t1)
      payRuns.push(t2 - t0)
    }
    const result = { relayMs: round(median(relayRuns)), proveAndRelayMs: round(median(payRuns)) }
    log(`relay: request → receipt ${result.relayMs} ms; prove + relay ${result.proveAndRelayMs} ms`)
    return result
  } finally {
    await relayer.stop()
  }
}

async function benchScan() {
  const me = deriveKeys(generateMnemonic())
  const stranger = deriveKeys(generateMnemonic())
  const outputs: Uint8Array[] = []
  for (let i = 0; i < 2000; i++)
    outputs.push(
      await encryptNote({
        note: { amount: BigInt(i), blinding: 1n },
        viewingPublicKey: stranger.viewingKey.publicKey,
      }),
    )
  const rates: Record<string, number> = {}
  for (const backend of ['webcrypto', 'noble'] as const) {
    const scanner = await createNoteScanner(me.viewingKey, { backend })
    const sample = backend === 'noble' ? outputs.slice(0, 500) : outputs
    const t0 = performance.now()
    const found = await scanner.tryDecryptAll(sample)
    const seconds = (performance.now() - t0) / 1000
    if (found.some((f) => f !== null)) throw new Error('found a foreign note')
    rates[backend] = Math.round(sample.length / seconds)
  }
  log(`scan: ${rates.webcrypto}/s (WebCrypto), ${rates.noble}/s (noble)`)
  return rates
}

function benchTree() {
  const n = 20_000
  const pairs: [bigint, bigint][] = []
  for (let i = 0; i < n; i += 2) pairs.push([BigInt(i + 1), BigInt(i + 2)])
  const bulk = new PoolTree()
  let t0 = performance.now()
  bulk.insertPairs(pairs)
  const bulkRate = Math.round(n / ((performance.now() - t0) / 1000))
  const incremental = new PoolTree()
  const m = 2_000
  t0 = performance.now()
  for (let i = 0; i < m; i += 2) incremental.insertPair(BigInt(i + 1), BigInt(i + 2))
  const incRate = Math.round(m / ((performance.now() - t0) / 1000))
  log(`tree: ${bulkRate} leaves/s bulk, ${incRate} leaves/s one pair at a time`)
  return { bulk: bulkRate, incremental: incRate }
}

const PARTS = ['prove', 'gas', 'relay', 'scan', 'tree', 'browser'] as const
type Part = (typeof PARTS)[number]
const onlyArg = process.argv.indexOf('--only')
const only = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : [...PARTS]
for (const part of only)
  if (!PARTS.includes(part as Part)) {
    console.error(`Unknown part "${part}"; the parts are ${PARTS.join(', ')}.`)
    process.exit(2)
  }
const runs = (part: Part) => only.includes(part)

const started = Date.now()
const resultsPath = join(root, 'bench', 'results.json')
let previous: Record<string, unknown> = {}
try {
  previous = JSON.parse(readFileSync(resultsPath, 'utf8'))
} catch {
  // first run
}
const results: Record<string, unknown> = { ...previous, date: new Date().toISOString() }
results.machine = { cpus: (await import('node:os')).cpus().length, node: process.version }
const rows: [string, string][] = []

if (runs('prove')) {
  const proving = await benchProving()
  results.circuits = proving
  for (const [name, r] of Object.entries(proving))
    rows.push(
      [`${name} constraints`, String(r.constraints)],
      [`${name} prove (median of ${RUNS}, Node)`, `${r.proveMs} ms`],
      [`${name} verify (snarkjs)`, `${r.verifyMs} ms`],
    )
}
if (runs('gas')) {
  const gasBySize = await benchGasBySize(log)
  results.gasBySize = gasBySize
  for (const [size, g] of Object.entries(gasBySize))
    rows.push([
      `gas at ${size} leaves (transfer / shield / unshield / merge)`,
      `${g.transfer} / ${g.shield} / ${g.unshield} / ${g.merge}`,
    ])
}
if (runs('relay')) {
  const relay = await benchRelayPart()
  results.relay = relay
  rows.push(
    ['relay: request → receipt (tx1)', `${relay.relayMs} ms`],
    ['pay: prove + relay → receipt (tx1)', `${relay.proveAndRelayMs} ms`],
  )
}
if (runs('scan')) {
  const scan = await benchScan()
  results.scanNotesPerSec = scan.webcrypto
  results.scanNotesPerSecNoble = scan.noble
  rows.push(
    ['scan foreign notes (WebCrypto)', `${scan.webcrypto}/s`],
    ['scan foreign notes (noble)', `${scan.noble}/s`],
  )
}
if (runs('tree')) {
  const tree = benchTree()
  results.treeLeavesPerSec = tree.bulk
  results.treeLeavesPerSecIncremental = tree.incremental
  rows.push(
    ['tree leaves (bulk insert)', `${tree.bulk}/s`],
    ['tree leaves (pair at a time)', `${tree.incremental}/s`],
  )
}
if (runs('browser')) {
  const browser = await benchBrowser(RUNS, log)
  results.browser = browser
  rows.push(
    ['browser: popup open → balance shown', `${browser.popupToBalanceMs} ms`],
    ['browser: first proof (loads keys)', `${browser.coldProofMs} ms`],
    ...Object.entries(browser.proveMs).map(
      ([name, ms]) => [`browser: ${name} prove (median, warm)`, `${ms} ms`] as [string, string],
    ),
    ['site: approve click → receipt', `${browser.approveToReceiptMs} ms`],
    ['site: tip request → receipt (no window)', `${browser.tipRequestToReceiptMs} ms`],
  )
}
delete results.gas
mkdirSync(join(root, 'bench'), { recursive: true })
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`)

const width = Math.max(...rows.map(([k]) => k.length))
console.log(`\n${'what'.padEnd(width)}  figure\n${'-'.repeat(width)}  ------`)
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`)
console.log(`\nwrote bench/results.json in ${round((Date.now() - started) / 1000)} s`)
process.exit(0)
