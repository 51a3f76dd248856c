// Renders public/logo.svg to the toolbar and store icons public/icon/<size>.png
// (committed; run again after changing the logo: `npx tsx scripts/render-icons.ts`).
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Resvg } from '@resvg/resvg-js'

const root = resolve(import.meta.dirname, '..')
const svg = readFileSync(resolve(root, 'public/logo.svg'), 'utf8')
for (const size of [16, 32, 48, 128]) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng()
  writeFileSync(resolve(root, `public/icon/${size}.png`), png)
  console.info(`public/icon/${size}.png: ${png.length} bytes`)
}
