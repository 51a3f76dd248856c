import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { ensureChromium } from '../../scripts/ensure-chromium.js'
import { chromiumPath, extensionDir, root } from './helpers/paths.js'

/**
 * Before the browser tests: Chromium must be installed (a missing one is
 * installed from Debian's package when running as root, else a failure with
 * the fix, never a skip), and the extension is built fresh.
 */
export default function setup(): void {
  // Missing: installed with Debian's package when root, else a failure saying the command.
  ensureChromium({ path: chromiumPath })
  const started = Date.now()
  const build = spawnSync(resolve(root, 'node_modules/.bin/wxt'), ['build'], {
    cwd: root,
    encoding: 'utf8',
    // The test chains are fresh anvils: never a deployment `npm start` left behind.
    env: { ...process.env, NO_COLOR: '1', WXT_ZKPAY_DEPLOYMENT: 'anvil' },
  })
  if (build.status !== 0) {
    throw new Error(`wxt build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`)
  }
  if (!existsSync(resolve(extensionDir, 'manifest.json'))) {
    throw new Error(`wxt build wrote no manifest.json into ${extensionDir}.`)
  }
  console.info(`[browser tests] extension built in ${Date.now() - started} ms`)
}
