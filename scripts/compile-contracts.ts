/**
 * Compiles every `.sol` file under `contracts/` with solc-js and writes
 * `lib/contracts/artifacts.ts`: ABI, creation bytecode and link references of each
 * deployable contract, plus the libraries they link. The output is deterministic: CI
 * re-runs this script and fails on a diff. It also logs each contract's runtime size and
 * fails if one is over the EIP-170 limit (24,576 bytes).
 *
 * Usage: npm run build:contracts
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

type Solc = {
  version(): string
  compile(
    input: string,
    callbacks: { import(path: string): { contents: string } | { error: string } },
  ): string
}

type LinkReferences = Record<string, Record<string, { start: number; length: number }[]>>

type SolcOutput = {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[]
  contracts?: Record<
    string,
    Record<
      string,
      {
        abi: unknown[]
        evm: {
          bytecode: { object: string; linkReferences: LinkReferences }
          deployedBytecode: { object: string }
        }
      }
    >
  >
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outFile = join(root, 'lib/contracts/artifacts.ts')
const solc = createRequire(import.meta.url)('solc') as Solc

function solFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return solFiles(path)
      return entry.name.endsWith('.sol') ? [path] : []
    })
    .sort()
}

/** Source unit names are repository-relative POSIX paths, so the metadata is machine-independent. */
function unitName(path: string): string {
  return relative(root, path).split(sep).join('/')
}

function findImport(path: string): { contents: string } | { error: string } {
  for (const base of [root, join(root, 'node_modules')]) {
    const file = resolve(base, path)
    if (file.startsWith(root + sep) && existsSync(file))
      return { contents: readFileSync(file, 'utf8') }
  }
  return { error: `File not found: ${path}` }
}

function compile(): SolcOutput {
  const sources = Object.fromEntries(
    solFiles(join(root, 'contracts')).map((path) => [
      unitName(path),
      { content: readFileSync(path, 'utf8') },
    ]),
  )
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      // High runs keeps constants as PUSH32: with runs 200 the constant optimizer
      // rebuilds Poseidon's round constants at run time, +11k gas per hash.
      optimizer: { enabled: true, runs: 1_000_000 },
      evmVersion: 'cancun',
      // No metadata hash: comments and paths do not change the bytecode.
      metadata: { bytecodeHash: 'none' },
      outputSelection: {
        '*': {
          '*': [
            'abi',
            'evm.bytecode.object',
            'evm.bytecode.linkReferences',
            'evm.deployedBytecode.object',
          ],
        },
      },
    },
  }
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), { import: findImport }),
  ) as SolcOutput
  const problems = output.errors ?? []
  const errors = problems.filter((problem) => problem.severity === 'error')
  for (const problem of problems)
    if (problem.severity !== 'error') console.warn(problem.formattedMessage)
  if (errors.length > 0) {
    console.error(`solc ${solc.version()} failed with ${errors.length} error(s):\n`)
    for (const error of errors) console.error(error.formattedMessage)
    process.exit(1)
  }
  return output
}

/** EIP-170: the most runtime bytecode a contract may deploy. */
const MAX_CODE_SIZE = 24_576

/**
 * Logs the runtime size of every deployable contract under contracts/ and fails if one
 * exceeds EIP-170: a chain would refuse to deploy it.
 */
function checkSizes(output: SolcOutput): void {
  const sizes: { name: string; size: number }[] = []
  for (const [source, contracts] of Object.entries(output.contracts ?? {})) {
    if (!source.startsWith('contracts/')) continue
    for (const [name, contract] of Object.entries(contracts)) {
      const runtime = contract.evm.deployedBytecode.object
      if (runtime !== '') sizes.push({ name, size: runtime.length / 2 })
    }
  }
  sizes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const { name, size } of sizes) console.log(`  ${name}: ${size} bytes`)
  const tooBig = sizes.filter(({ size }) => size > MAX_CODE_SIZE)
  if (tooBig.length > 0) {
    for (const { name, size } of tooBig)
      console.error(
        `${name} is ${size} bytes of runtime code, over the ${MAX_CODE_SIZE}-byte limit.`,
      )
    process.exit(1)
  }
}

/** A JavaScript literal with single quotes and bare keys, on one line. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => {
      const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key)
      return `${name}: ${literal(item)}`
    })
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`
  }
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  return JSON.stringify(value)
}

function camelCase(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1)
}

function render(output: SolcOutput): string {
  type Entry = {
    name: string
    source: string
    abi: unknown[]
    bytecode: string
    links: Record<string, unknown>
  }
  const entries = new Map<string, Entry>()
  const linked = new Set<string>()
  for (const [source, contracts] of Object.entries(output.contracts ?? {})) {
    for (const [name, contract] of Object.entries(contracts)) {
      const { object, linkReferences } = contract.evm.bytecode
      if (object === '') continue // interfaces and abstract contracts
      const links: Record<string, unknown> = {}
      for (const [librarySource, libraries] of Object.entries(linkReferences)) {
        for (const [library, references] of Object.entries(libraries)) {
          links[library] = references.map(({ start, length }) => ({ start, length }))
          linked.add(`${librarySource}:${library}`)
        }
      }
      if (entries.has(name)) throw new Error(`Two contracts are named ${name}: rename one.`)
      entries.set(name, { name, source, abi: contract.abi, bytecode: `0x${object}`, links })
    }
  }
  const kept = [...entries.values()]
    .filter((entry) => {
      if (linked.has(`${entry.source}:${entry.name}`)) return true
      // An empty ABI is a library of internal functions only, compiled into its users.
      return entry.source.startsWith('contracts/') && entry.abi.length > 0
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

  const lines = [
    `// Generated by scripts/compile-contracts.ts (solc ${solc.version()}) from contracts/. Do not edit.`,
    '',
  ]
  for (const { name, source, abi, bytecode, links } of kept) {
    const id = camelCase(name)
    lines.push(
      `/** ABI of \`${name}\` (${source}). */`,
      `export const ${id}Abi = [`,
      ...abi.map((item) => `  ${literal(item)},`),
      '] as const',
      '',
      `/** Creation bytecode of \`${name}\`${Object.keys(links).length > 0 ? ', to link with `linkBytecode`' : ''}. */`,
      `export const ${id}Bytecode = '${bytecode}' as const`,
      '',
      `/** Library placeholders in \`${id}Bytecode\` (byte offsets). */`,
      `export const ${id}LinkReferences = ${literal(links)} as const`,
      '',
    )
  }
  lines.push('/** Every compiled contract, by name. */', 'export const artifacts = {')
  for (const { name } of kept) {
    const id = camelCase(name)
    lines.push(
      `  ${name}: { abi: ${id}Abi, bytecode: ${id}Bytecode, linkReferences: ${id}LinkReferences },`,
    )
  }
  lines.push('} as const', '')
  return lines.join('\n')
}

const output = compile()
checkSizes(output)
writeFileSync(outFile, render(output))
console.log(`Wrote ${relative(root, outFile)}`)
