import type { Abi, Address, Hex } from 'viem'
import { BaseError } from '../errors.js'

/** Where a library's address goes in some bytecode: byte offsets, as solc reports them. */
export type LinkReferences = {
  readonly [library: string]: readonly { start: number; length: number }[]
}

/** A compiled contract as `lib/contracts/artifacts.ts` stores it. */
export type Artifact = {
  readonly abi: Abi
  /** Creation bytecode, with `__$…$__` placeholders where `linkReferences` point. */
  readonly bytecode: Hex
  readonly linkReferences: LinkReferences
}

/**
 * Replaces the library placeholders of `artifact.bytecode` with deployed addresses.
 *
 * @example
 * linkBytecode(artifacts.SomeContract, { SomeLibrary: '0x…' })
 */
export function linkBytecode(artifact: Artifact, libraries: Record<string, Address>): Hex {
  let code = artifact.bytecode.slice(2)
  for (const [library, references] of Object.entries(artifact.linkReferences)) {
    const address = libraries[library]
    if (!address)
      throw new BaseError('internal', `Missing the address of library ${library} to link.`)
    const hex = address.slice(2).toLowerCase()
    for (const { start, length } of references) {
      if (length !== 20)
        throw new BaseError('internal', `Unexpected link reference length ${length}.`)
      code = code.slice(0, start * 2) + hex + code.slice((start + length) * 2)
    }
  }
  if (code.includes('__$'))
    throw new BaseError('internal', 'The bytecode still has unlinked libraries.')
  return `0x${code}`
}
