import { build } from 'esbuild'

/**
 * Bundles a page's TypeScript entry (and what it imports) into one ES module,
 * in memory: nothing is written to disk. Readable output (no minifying) with
 * an inline source map, because the point of a demo is to be read.
 */
export async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
  })
  const file = result.outputFiles[0]
  if (!file) throw new Error(`esbuild produced nothing for ${entry}.`)
  return file.text
}
