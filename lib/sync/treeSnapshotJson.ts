import type { Hex } from 'viem'
import { PoolTree, type TreeSnapshot } from '../epochTree.js'
import { TreeMismatchError } from '../errors.js'

/** A {@link TreeSnapshot} as JSON: nodes as hex. */
export type TreeSnapshotJson = {
  epochLevels: number
  size: number
  upper: Hex[][][]
  batches: [number, Hex[][]][]
}

export const toHex = (value: bigint): Hex => `0x${value.toString(16)}`

/** A node from its hex (or decimal) text; anything else throws. */
export function fromHex(value: unknown): bigint {
  if (typeof value !== 'string' || !/^(0x[0-9a-f]+|\d+)$/.test(value))
    throw new TreeMismatchError('The stored tree is malformed: a node is not a number.')
  return BigInt(value)
}

/** The tree's upper levels and held batches as JSON. */
export function serializeTree(tree: PoolTree): TreeSnapshotJson {
  const { epochLevels, size, upper, batches } = tree.snapshot()
  return {
    epochLevels,
    size,
    upper: upper.map((levels) => levels.map((nodes) => nodes.map(toHex))),
    batches: batches.map(([batch, layers]) => [batch, layers.map((nodes) => nodes.map(toHex))]),
  }
}

/** A tree (retain 'marked') from {@link serializeTree}'s output; a malformed one throws TreeMismatchError. */
export function deserializeTree(json: unknown): PoolTree {
  const t = json as TreeSnapshotJson
  const list = (v: unknown): unknown[] => {
    if (!Array.isArray(v)) throw new TreeMismatchError('The stored tree is malformed.')
    return v
  }
  return PoolTree.fromSnapshot({
    epochLevels: t?.epochLevels,
    size: t?.size,
    upper: list(t?.upper).map((levels) => list(levels).map((nodes) => list(nodes).map(fromHex))),
    batches: list(t?.batches).map((entry) => {
      const [batch, layers] = list(entry)
      return [batch as number, list(layers).map((nodes) => list(nodes).map(fromHex))]
    }),
  })
}
