import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig } from 'wxt'
import { deploymentHostPatterns } from './lib/deploymentFile.js'

// A build for a deployment (`npm run build:extension -- --deployment FILE`) may
// reach exactly its RPC, relayers and indexer; the local build, this machine.
const deploymentFile = process.env.ZKPAY_DEPLOYMENT_FILE
const deployment = deploymentFile ? JSON.parse(readFileSync(deploymentFile, 'utf8')) : undefined
const hostPermissions = deployment
  ? deploymentHostPatterns(deployment)
  : ['http://127.0.0.1/*', 'http://localhost/*']

// `--circuits DIR` (scripts/build-extension.ts): the proving keys, wasm and
// manifest of DIR ship as circuits/ instead of public/circuits.
const circuitsDir = process.env.ZKPAY_CIRCUITS_DIR
const circuitFiles = circuitsDir
  ? readdirSync(circuitsDir).filter((f) => /\.(zkey|wasm|json)$/.test(f))
  : []

// The extension: MV3, Chrome first. Entry points live in entrypoints/.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: process.env.ZKPAY_OUT_DIR ?? '.output',
  // background/config.ts reads the deployment the build is for.
  vite: () => ({
    define: { __ZKPAY_DEPLOYMENT__: deployment ? JSON.stringify(deployment) : 'undefined' },
  }),
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      if (!circuitsDir) return
      const kept = files.filter((f) => !f.relativeDest.startsWith('circuits/'))
      files.splice(0, files.length, ...kept)
      for (const f of circuitFiles)
        files.push({ absoluteSrc: join(circuitsDir, f), relativeDest: `circuits/${f}` })
    },
  },
  manifest: {
    name: 'zkpay',
    description: 'Private, instant payments from a shielded pool.',
    // Rendered from public/logo.svg by scripts/render-icons.ts.
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: {
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' },
    },
    // storage: the session key; alarms: sync and auto-lock; offscreen: the
    // prover; notifications: payments received.
    permissions: ['storage', 'alarms', 'offscreen', 'notifications'],
    host_permissions: hostPermissions,
    // The offscreen prover compiles the circuits' witness wasm and snarkjs's curve code.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
  },
})
