// Starts the CLI from a bundle of its TypeScript sources, built with esbuild
// on the first run and again whenever a source file changed (its mtime), so a
// run does not compile TypeScript: `zkpay --help` drops from about 2 CPU
// seconds under tsx to a fraction of one. Packages are bundled too (tree-
// shaken) except snarkjs. Each source's own `import.meta.url` and
// `import.meta.dirname` are kept, since modules find files next to them.
// Where the cache cannot be written, tsx compiles on load as before.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = resolve(import.meta.dirname, '..')
const cacheDir = join(root, '.cache', 'cli')
const bundle = join(cacheDir, 'zkpay.mjs')
const inputsFile = join(cacheDir, 'inputs.json')

function fresh() {
  try {
    const { inputs } = JSON.parse(readFileSync(inputsFile, 'utf8'))
    const built = statSync(bundle).mtimeMs
    return inputs.every((file) => statSync(join(root, file)).mtimeMs <= built)
  } catch {
    return false
  }
}

/** Keeps a source file's location for the code inside it. */
const keepLocation = {
  name: 'keep-import-meta-location',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined
      const source = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
      return { contents: source, loader: 'ts' }
    })
  },
}

async function build() {
  const esbuild = await import('esbuild')
  mkdirSync(cacheDir, { recursive: true })
  const partial = `${bundle}.${process.pid}.tmp`
  const result = await esbuild.build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Bundled packages are tree-shaken (viem alone takes 0.6 s to load whole);
    // snarkjs starts worker threads from its own files, so it stays outside.
    external: ['snarkjs', 'esbuild', 'tsx', '@foundry-rs/anvil'],
    // Some CommonJS dependencies call require().
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    metafile: true,
    logLevel: 'silent',
    plugins: [keepLocation],
  })
  writeFileSync(
    inputsFile,
    JSON.stringify({ inputs: Object.keys(result.metafile.inputs).map((p) => p) }),
  )
  // Atomic: a concurrent run sees the old bundle or the new one, never half.
  renameSync(partial, bundle)
}

export async function launch() {
  if (!fresh()) {
    try {
      await build()
    } catch {
      const { register } = await import('tsx/esm/api')
      register()
      await import('./main.ts')
      return
    }
  }
  await import(pathToFileURL(bundle).href)
}
