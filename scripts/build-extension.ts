/**
 * `npm run build:extension [-- --deployment FILE]`: builds the extension into
 * `.output/chrome-mv3`. With a deployment file (as `npm run deploy` writes
 * it), the build is for that deployment: its pool, its RPC and relayers as
 * the defaults, and host permissions for exactly those hosts and its indexer
 * (wxt.config.ts reads the file from `ZKPAY_DEPLOYMENT_FILE` and hands it to
 * background/config.ts). `--out DIR` builds into DIR/chrome-mv3. Without one, the
 * build takes `deployments/extension.json` if `npm start` wrote it, else the
 * local anvil's addresses.
 *
 * `--circuits DIR` ships the proving keys of a circuits directory that
 * `npm run ceremony -- install --to DIR` wrote instead of public/circuits
 * (wxt.config.ts swaps them in). The keys must be the ones the deployment's
 * verifiers were made from: the build refuses a deployment whose setup names
 * another ceremony transcript (or none) than the circuits' manifest.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { deploymentHostPatterns } from '../lib/deploymentFile.js'
import { checkCircuitsDir, deploymentTranscript } from './deploy/circuitsDir.js'

const root = resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: {
    deployment: { type: 'string' },
    out: { type: 'string' },
    circuits: { type: 'string' },
  },
})
const env = { ...process.env }
// `--out DIR`: another output folder (wxt writes DIR/chrome-mv3).
if (values.out) env.ZKPAY_OUT_DIR = resolve(values.out)

const fail = (message: string): never => {
  console.error(`build:extension: ${message}`)
  process.exit(1)
}
const circuitsDir = values.circuits ? resolve(values.circuits) : join(root, 'public', 'circuits')
const checked = checkCircuitsDir(circuitsDir)
if (!checked.ok) fail(checked.problem)
const circuits = checked as Extract<typeof checked, { ok: true }>
if (values.circuits) {
  env.ZKPAY_CIRCUITS_DIR = circuitsDir
  console.error(`build:extension: circuits from ${circuitsDir} (${circuits.setup})`)
}

if (values.deployment) {
  const file = resolve(values.deployment)
  let json: Record<string, unknown>
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    console.error(`build:extension: cannot read the deployment file ${file}`)
    process.exit(1)
  }
  for (const field of ['chainId', 'pool', 'token', 'blockNumber', 'rpcUrl']) {
    if (json[field] === undefined) {
      console.error(`build:extension: ${file} has no ${field}`)
      process.exit(1)
    }
  }
  const wanted = deploymentTranscript(json)
  const shipped = circuits.transcriptSha256
  if (wanted !== shipped)
    fail(
      `${file}'s verifiers come from ${wanted ? `the ceremony transcript ${wanted}` : 'the development setup'}, ` +
        `but ${circuitsDir} holds ${shipped ? `the keys of transcript ${shipped}` : 'development keys'}: ` +
        'the extension would make proofs the pool rejects. Pass --circuits with the directory the deploy used.',
    )
  const patterns = deploymentHostPatterns(json)
  env.ZKPAY_DEPLOYMENT_FILE = file
  console.error(`build:extension: for chain ${json.chainId}, hosts ${patterns.join(' ')}`)
  if (json.insecureDevKeys === true)
    console.error('build:extension: WARNING: this deployment uses development keys')
}

const build = spawnSync(join(root, 'node_modules/.bin/wxt'), ['build'], {
  cwd: root,
  env,
  stdio: 'inherit',
})
process.exit(build.status ?? 1)
