import { readFileSync } from 'node:fs'

/**
 * The number of constraints in an r1cs file: magic, version, nSections, then
 * sections (type u32, size u64); the header section holds the field size, the
 * prime, nWires, nPubOut, nPubIn, nPrvIn (u32 each), nLabels (u64), nConstraints.
 */
export function constraintsOf(r1csPath: string): number {
  const buf = readFileSync(r1csPath)
  let offset = 12
  while (offset + 12 <= buf.length) {
    const type = buf.readUInt32LE(offset)
    const size = Number(buf.readBigUInt64LE(offset + 4))
    if (type === 1) {
      const fs = buf.readUInt32LE(offset + 12)
      const h = offset + 12 + 4 + fs
      return buf.readUInt32LE(h + 4 * 4 + 8)
    }
    offset += 12 + size
  }
  throw new Error(`${r1csPath}: no r1cs header section`)
}
