/**
 * `npm run build:extension [-- --deployment FILE]`: builds the extension into
 * `.output/chrome-mv3`. With a deployment file (as `npm run deploy` writes
 * it), the build is for that deployment: its pool, its RPC and relayers as
 * the defaults, and host permissions for exactly those hosts and its indexer
 * (wxt.config.ts reads the file from `ZKPAY_DEPLOYMENT_FILE` and hands it to
 * background/config.ts). `--out DIR` builds into DIR/chrome-mv3. Without one, the
 * build takes `deployments/extension.json` if `npm start` wrote it, else the
 * local anvil's addresses.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { deploymentHostPatterns } from '../lib/deploymentFile.js'

const root = resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: { deployment: { type: 'string' }, out: { type: 'string' } },
})
const env = { ...process.env }
// `--out DIR`: another output folder (wxt writes DIR/chrome-mv3).
if (values.out) env.ZKPAY_OUT_DIR = resolve(values.out)

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
