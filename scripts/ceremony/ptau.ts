/** The phase-1 file: its header, its place on the published list, its snarkjs verification. */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { CeremonyError } from './errors.js'
import { CapturingLogger, snarkjs } from './snark.js'

export type ListedPtau = {
  power: number
  maxConstraints: number
  name: string
  blake2b512: string
  url: string
}

export const PTAU_LIST_PATH = join(import.meta.dirname, 'ptau-hashes.json')

export function listedPtaus(): ListedPtau[] {
  const doc = JSON.parse(readFileSync(PTAU_LIST_PATH, 'utf8')) as { files: ListedPtau[] }
  return doc.files
}

/** The published file with this blake2b-512 hash, if any. */
export function findListed(blake2b512: string): ListedPtau | undefined {
  const hash = blake2b512.toLowerCase()
  return listedPtaus().find((f) => f.blake2b512 === hash)
}

export type PtauHeader = { power: number; ceremonyPower: number; prepared: boolean }

/**
 * Reads the header of a .ptau file without loading it: "ptau", version,
 * number of sections, then sections (type u32, size u64); section 1 holds
 * n8, q, power, ceremonyPower; section 12 exists once phase 2 is prepared.
 */
export function readPtauHeader(path: string): PtauHeader {
  const fd = openSync(path, 'r')
  try {
    const read = (position: number, length: number) => {
      const buf = Buffer.alloc(length)
      if (readSync(fd, buf, 0, length, position) !== length) throw new Error('truncated')
      return buf
    }
    const head = read(0, 12)
    if (head.toString('latin1', 0, 4) !== 'ptau') throw new Error('not a .ptau file')
    const nSections = head.readUInt32LE(8)
    let offset = 12
    let power = -1
    let ceremonyPower = -1
    let prepared = false
    for (let i = 0; i < nSections; i++) {
      const s = read(offset, 12)
      const type = s.readUInt32LE(0)
      const size = Number(s.readBigUInt64LE(4))
      if (type === 1) {
        const n8 = read(offset + 12, 4).readUInt32LE(0)
        const p = read(offset + 16 + n8, 8)
        power = p.readUInt32LE(0)
        ceremonyPower = p.readUInt32LE(4)
      }
      if (type === 12) prepared = true
      offset += 12 + size
    }
    if (power < 0) throw new Error('no header section')
    return { power, ceremonyPower, prepared }
  } catch (error) {
    throw new CeremonyError(
      `${path}: cannot read it as a phase-1 file (${(error as Error).message})`,
    )
  } finally {
    closeSync(fd)
  }
}

/** snarkjs powersOfTau.verify: every contribution, the beacon and the phase-2 sections. */
export async function verifyPtau(path: string, verbose: boolean): Promise<boolean> {
  const logger = new CapturingLogger(verbose)
  try {
    return (await snarkjs.powersOfTau.verify(path, logger)) === true
  } catch (error) {
    logger.error((error as Error).message)
    return false
  }
}
