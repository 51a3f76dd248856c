/**
 * Generates `contracts/PoseidonHash.sol`: circomlib's Poseidon with 2 inputs (t = 3), the
 * `PoseidonEx` schedule of node_modules/circomlib/circuits/poseidon.circom, as one internal
 * Solidity function in inline assembly. Being internal, it is compiled into the calling
 * contract and reached with a jump: no external call, no ABI encoding, no memory; the state
 * lives on the stack. (solc's legacy pipeline keeps one copy of a function this big however
 * many call sites it has, about 15 kB.)
 *
 * The schedule, with C, S, M, P read from circuits/poseidon_constants.circom (t = 3):
 *   state = [0, a, b] + C[0..2]
 *   3 full rounds:  sbox all, + C[3(r+1)..], mix M
 *   1 full round:   sbox all, + C[12..14],   mix P (the pre-sparse matrix)
 *   57 partial:     s0 = sbox(s0) + C[15+r], then the sparse S_r:
 *                   s0' = S[5r]s0 + S[5r+1]s1 + S[5r+2]s2, si' = si + S[5r+2+i]s0
 *   3 full rounds:  sbox all, + C[72+3r..],  mix M
 *   last:           sbox all, out = column 0 of M
 *
 * Equivalent rewrites, all exact in the field (the generator checks its output against
 * poseidon-lite before writing the file):
 *   - the constant added after a full round's sbox is folded through that round's mix into
 *     one constant per output, `K_i = sum_j X[j][i] C_j`; in the first round `s0 = C[0]` is a
 *     constant, so its sbox and mix term fold into `K_i` too;
 *   - additions are plain `add` whenever the bound the generator tracks for each value stays
 *     below 2^256 (mulmod reduces any 256-bit operand), and `addmod` otherwise;
 *   - the inputs enter through `addmod(a, C[1], p)`, so an input `x >= p` hashes as `x mod p`,
 *     the field element a circuit would see.
 *
 * The output is deterministic and committed. Usage: npm run gen:poseidon
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { poseidon2 } from 'poseidon-lite'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const constantsFile = join(root, 'node_modules/circomlib/circuits/poseidon_constants.circom')
const outFile = join(root, 'contracts/PoseidonHash.sol')

const P = 21888242871839275222246405745257275088548364400416034343698204186575808495617n
const WORD = 1n << 256n
const T = 3
const ROUNDS_F = 8
const ROUNDS_P = 57 // N_ROUNDS_P[t - 2] in poseidon.circom

// ---- Constants ---------------------------------------------------------------------------

type Nested = string | Nested[]

/** The array literal `POSEIDON_<name>(t)` returns for `t == T`, as bigints. */
function circomConstants(source: string, name: string): Nested {
  const start = source.indexOf(`function POSEIDON_${name}(t)`)
  if (start < 0) throw new Error(`No POSEIDON_${name} in ${constantsFile}.`)
  const branch = new RegExp(`t\\s*==\\s*${T}\\s*\\)\\s*\\{\\s*return\\s*\\[`, 'g')
  branch.lastIndex = start
  const match = branch.exec(source)
  if (!match) throw new Error(`No t == ${T} branch in POSEIDON_${name}.`)
  const from = branch.lastIndex - 1
  let depth = 0
  let end = from
  do {
    if (source[end] === '[') depth++
    else if (source[end] === ']') depth--
    end++
  } while (depth > 0)
  const json = source.slice(from, end).replace(/0x[0-9a-fA-F]+|\b\d+\b/g, (token) => `"${token}"`)
  return JSON.parse(json) as Nested
}

function vector(value: Nested, length: number, what: string): bigint[] {
  if (!Array.isArray(value) || value.length !== length || value.some((v) => Array.isArray(v)))
    throw new Error(`${what} should be a vector of ${length} numbers.`)
  return (value as string[]).map((v) => {
    const n = BigInt(v)
    if (n >= P) throw new Error(`${what} has a constant >= p.`)
    return n
  })
}

function matrix(value: Nested, what: string): bigint[][] {
  if (!Array.isArray(value) || value.length !== T) throw new Error(`${what} should be ${T}x${T}.`)
  return value.map((row, i) => vector(row, T, `${what}[${i}]`))
}

const source = readFileSync(constantsFile, 'utf8')
const C = vector(circomConstants(source, 'C'), T * ROUNDS_F + ROUNDS_P, 'C')
const S = vector(circomConstants(source, 'S'), ROUNDS_P * (2 * T - 1), 'S')
const M = matrix(circomConstants(source, 'M'), 'M')
const PRE = matrix(circomConstants(source, 'P'), 'P')
const circomlibVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/circomlib/package.json'), 'utf8')) as {
    version: string
  }
).version

const c = (i: number) => C[i]!
const pow5 = (x: bigint) => {
  const x2 = (x * x) % P
  return (((x2 * x2) % P) * x) % P
}

// ---- A tiny straight-line program: built once, then both run (to check) and printed -----

type Expr =
  | { kind: 'var'; name: string }
  | { kind: 'const'; value: bigint }
  | { kind: 'op'; op: 'add' | 'addmod' | 'mulmod'; args: Expr[] }
type Stmt =
  | { kind: 'let' | 'assign'; name: string; expr: Expr }
  | { kind: 'block'; body: Stmt[] }
  | { kind: 'comment'; text: string }

const v = (name: string): Expr => ({ kind: 'var', name })
const k = (value: bigint): Expr => ({ kind: 'const', value: ((value % P) + P) % P })
const q = v('q')
const mulmod = (x: Expr, y: Expr): Expr => ({ kind: 'op', op: 'mulmod', args: [x, y, q] })

/** Upper bounds of the state words, so sums use `add` only when they cannot overflow. */
const bound = new Map<string, bigint>()
function boundOf(e: Expr): bigint {
  if (e.kind === 'const') return e.value
  if (e.kind === 'var') {
    const b = bound.get(e.name)
    if (b === undefined) throw new Error(`No bound for ${e.name}.`)
    return b
  }
  if (e.op === 'add') return e.args.reduce((sum, arg) => sum + boundOf(arg), 0n)
  return P - 1n
}
/** `x + y`: a plain `add` if it cannot reach 2^256, else `addmod`. */
function sum(x: Expr, y: Expr): Expr {
  return boundOf(x) + boundOf(y) < WORD
    ? { kind: 'op', op: 'add', args: [x, y] }
    : { kind: 'op', op: 'addmod', args: [x, y, q] }
}
const sumAll = (terms: Expr[]) => terms.reduce((acc, term) => sum(acc, term))

const program: Stmt[] = []
const emit = (stmt: Stmt) => program.push(stmt)
function set(kind: 'let' | 'assign', name: string, expr: Expr, into: Stmt[] = program) {
  bound.set(name, boundOf(expr))
  into.push({ kind, name, expr })
}

/** `into := x^5` (plus `addend`), through a scoped temporary `t = x^2`. */
function sbox(name: string, addend?: bigint, into = name) {
  const body: Stmt[] = []
  set('let', 't', mulmod(v(name), v(name)), body)
  const x5 = mulmod(mulmod(v('t'), v('t')), v(name))
  set('assign', into, addend === undefined ? x5 : sum(x5, k(addend)), body)
  emit({ kind: 'block', body })
}

/**
 * `s_i := K_i + sum_j X[j][i] sbox_j`, where `sbox_j` are the current s0..s2, except that a
 * constant `constantS0` stands for s0 (first round). `K_i = sum_j X[j][i] arkConstants_j`.
 */
function mix(X: bigint[][], arkConstants: bigint[], constantS0?: bigint) {
  const body: Stmt[] = []
  const outputs = [0, 1, 2].map((i) => {
    let constant = arkConstants.reduce((acc, cj, j) => acc + X[j]![i]! * cj, 0n)
    const terms: Expr[] = []
    for (let j = 0; j < T; j++) {
      if (j === 0 && constantS0 !== undefined) constant += X[0]![i]! * constantS0
      else terms.push(mulmod(v(`s${j}`), k(X[j]![i]!)))
    }
    return sumAll([...terms, k(constant)])
  })
  if (constantS0 === undefined) {
    // n0, n1 keep the new s0, s1 while s2's expression still reads the old ones.
    set('let', 'n0', outputs[0]!, body)
    set('let', 'n1', outputs[1]!, body)
    set('assign', 's2', outputs[2]!, body)
    set('assign', 's0', v('n0'), body)
    set('assign', 's1', v('n1'), body)
  } else {
    // First round: s0 is declared here, outside the block.
    set('let', 's0', outputs[0]!)
    set('let', 'n1', outputs[1]!, body)
    set('assign', 's2', outputs[2]!, body)
    set('assign', 's1', v('n1'), body)
  }
  emit({ kind: 'block', body })
}

emit({ kind: 'comment', text: 'round 0: state = [C[0], a + C[1], b + C[2]]' })
bound.set('q', P)
bound.set('a', WORD - 1n)
bound.set('b', WORD - 1n)
set('let', 's1', { kind: 'op', op: 'addmod', args: [v('a'), k(c(1)), q] })
set('let', 's2', { kind: 'op', op: 'addmod', args: [v('b'), k(c(2)), q] })
sbox('s1')
sbox('s2')
emit({ kind: 'comment', text: 'sbox(C[0]) + C[3] is a constant: folded into the mix' })
mix(M, [0n, c(4), c(5)], pow5(c(0)) + c(3))
for (let r = 1; r < ROUNDS_F / 2; r++) {
  const last = r === ROUNDS_F / 2 - 1
  emit({ kind: 'comment', text: `full round ${r}${last ? ' (mix with P)' : ''}` })
  for (const name of ['s0', 's1', 's2']) sbox(name)
  mix(
    last ? PRE : M,
    [0, 1, 2].map((j) => c((r + 1) * T + j)),
  )
}
// s0 alternates between two stack slots, s0 and s3: each round writes the new s0 into the
// slot the old one left, instead of through a temporary.
let current = 's0'
let spare = 's3'
for (let r = 0; r < ROUNDS_P; r++) {
  emit({ kind: 'comment', text: `partial round ${r}` })
  sbox(current, c((ROUNDS_F / 2 + 1) * T + r))
  const s = (i: number) => S[(2 * T - 1) * r + i]!
  const state = [current, 's1', 's2']
  set(r === 0 ? 'let' : 'assign', spare, sumAll(state.map((name, j) => mulmod(v(name), k(s(j))))))
  for (const i of [1, 2]) {
    set('assign', `s${i}`, sum(v(`s${i}`), mulmod(v(current), k(s(T + i - 1)))))
  }
  ;[current, spare] = [spare, current]
}
for (let r = 0; r < ROUNDS_F / 2 - 1; r++) {
  emit({ kind: 'comment', text: `full round ${ROUNDS_F / 2 + r}` })
  sbox(r === 0 ? current : 's0', undefined, 's0')
  for (const name of ['s1', 's2']) sbox(name)
  mix(
    M,
    [0, 1, 2].map((j) => c((ROUNDS_F / 2 + 1) * T + ROUNDS_P + r * T + j)),
  )
}
emit({ kind: 'comment', text: `full round ${ROUNDS_F - 1}, then column 0 of M` })
for (const name of ['s0', 's1', 's2']) sbox(name)
set('assign', 'h', {
  kind: 'op',
  op: 'addmod',
  args: [
    sumAll([mulmod(v('s0'), k(M[0]![0]!)), mulmod(v('s1'), k(M[1]![0]!))]),
    mulmod(v('s2'), k(M[2]![0]!)),
    q,
  ],
})

// ---- Check: run the program on bigints against poseidon-lite ------------------------------

// S[5r] is the same for every r (it is M[0][0]): it stays on the stack as `m`.
const m = S[0]!
if (S.some((value, i) => i % (2 * T - 1) === 0 && value !== m)) throw new Error('S[5r] varies.')

function run(a: bigint, b: bigint): bigint {
  const env = new Map<string, bigint>([
    ['q', P],
    ['m', m],
    ['a', a],
    ['b', b],
  ])
  const evaluate = (e: Expr): bigint => {
    if (e.kind === 'const') return e.value
    if (e.kind === 'var') {
      const value = env.get(e.name)
      if (value === undefined) throw new Error(`Unset ${e.name}.`)
      return value
    }
    const [x, y, z] = e.args.map(evaluate) as [bigint, bigint, bigint]
    if (e.op === 'add') {
      if (x + y >= WORD) throw new Error('add overflows')
      return x + y
    }
    return e.op === 'addmod' ? (x + y) % z : (x * y) % z
  }
  const exec = (stmts: Stmt[]) => {
    for (const stmt of stmts) {
      if (stmt.kind === 'block') exec(stmt.body)
      else if (stmt.kind !== 'comment') env.set(stmt.name, evaluate(stmt.expr))
    }
  }
  exec(program)
  return env.get('h')!
}

let seed = 1n
const next = () => {
  seed = (seed * 6364136223846793005n + 1442695040888963407n) % WORD
  return seed
}
const samples: [bigint, bigint][] = [
  [0n, 0n],
  [1n, 2n],
  [P - 1n, P - 1n],
  [P - 1n, 0n],
  ...Array.from({ length: 20 }, () => [next() % P, next() % P] as [bigint, bigint]),
]
for (const [a, b] of samples) {
  if (run(a, b) !== poseidon2([a, b])) throw new Error(`Wrong hash of (${a}, ${b}).`)
}
for (const [a, b] of [
  [WORD - 1n, P],
  [P + 5n, 2n * P + 7n],
]) {
  if (run(a!, b!) !== poseidon2([a! % P, b! % P])) throw new Error('Inputs >= p not reduced.')
}

// ---- Print ---------------------------------------------------------------------------------

const hex = (value: bigint) => `0x${value.toString(16)}`
function print(e: Expr): string {
  if (e.kind === 'var') return e.name
  if (e.kind === 'const') return e.value === m ? 'm' : hex(e.value)
  return `${e.op}(${e.args.map(print).join(', ')})`
}
const lines: string[] = []
function printStmts(stmts: Stmt[], indent: string) {
  for (const stmt of stmts) {
    if (stmt.kind === 'comment') lines.push(`${indent}// ${stmt.text}`)
    else if (stmt.kind === 'block') {
      lines.push(`${indent}{`)
      printStmts(stmt.body, `${indent}  `)
      lines.push(`${indent}}`)
    } else {
      lines.push(`${indent}${stmt.kind === 'let' ? 'let ' : ''}${stmt.name} := ${print(stmt.expr)}`)
    }
  }
}
printStmts(program, '      ')

const solidity = `// SPDX-License-Identifier: MIT
// Generated by scripts/gen-poseidon-sol.ts (npm run gen:poseidon) from circomlib ${circomlibVersion}
// circuits/poseidon_constants.circom. Do not edit.
pragma solidity ^0.8.28;

/// @title PoseidonHash
/// @notice circomlib's Poseidon with 2 inputs (t = 3, 8 full and 57 partial rounds), the
///   optimized schedule of its \`PoseidonEx\` template (sparse partial-round matrices), so
///   \`hash2(a, b) == poseidon2([a, b])\` of poseidon-lite and \`Poseidon(2)\` of the circuits.
/// @dev Internal: compiled into the caller's contract (one copy, about 15 kB) and reached by a
///   jump, so no external call, no ABI encoding, no memory. Inputs are taken mod p:
///   \`hash2(a, b) == hash2(a % p, b % p)\`, the field elements a circuit would see.
///   Callers that need injectivity on uint256 must range-check (the pool only hashes field
///   elements: verifier-checked commitments and earlier hashes).
library PoseidonHash {
  /// @notice Poseidon of the field elements \`a mod p\` and \`b mod p\`, in \`[0, p)\`.
  function hash2(uint256 a, uint256 b) internal pure returns (uint256 h) {
    assembly ("memory-safe") {
      let q := ${hex(P)}
      let m := ${hex(m)} // M[0][0] = P[0][0] = S[5r]
${lines.join('\n')}
    }
  }
}
`

writeFileSync(outFile, solidity)
console.log(
  `Wrote ${relative(root, outFile)} (checked against poseidon-lite on ${samples.length + 2} inputs)`,
)
