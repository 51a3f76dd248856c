import { defineConfig } from 'wxt'

// The extension: MV3, Chrome first. Entry points live in entrypoints/.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'zkpay',
    description: 'Private, instant payments from a shielded pool.',
    // storage: the session key; alarms: sync and auto-lock; offscreen: the
    // prover; notifications: payments received. RPC and relayer run locally.
    permissions: ['storage', 'alarms', 'offscreen', 'notifications'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    // The offscreen prover compiles the circuits' witness wasm and snarkjs's curve code.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
  },
})
