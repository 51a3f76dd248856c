import { defineConfig } from 'wxt'

// The extension: MV3, Chrome first. Entry points live in entrypoints/.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: '.output',
  manifest: {
    name: 'zkpay',
    description: 'Private, instant payments from a shielded pool.',
    permissions: ['storage'],
  },
})
