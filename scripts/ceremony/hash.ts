/** File hashes: blake2b-512 (how snarkjs and the Hermez list name phase-1 files) and sha256. */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

async function hashFile(algorithm: 'blake2b512' | 'sha256', path: string): Promise<string> {
  const hash = createHash(algorithm)
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) hash.update(chunk)
  return hash.digest('hex')
}

/** blake2b-512 over the whole file, hex: what the snarkjs README lists for each ptau file. */
export function blake2b512File(path: string): Promise<string> {
  return hashFile('blake2b512', path)
}

export function sha256File(path: string): Promise<string> {
  return hashFile('sha256', path)
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
