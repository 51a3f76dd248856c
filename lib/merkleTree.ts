import { TreeMismatchError } from './errors.js'
import { assertField } from './field.js'
import { hash2 } from './poseidon.js'

/** The circuit's path length: the tree holds at most `2^MAX_DEPTH` leaves. */
export const MAX_DEPTH = 20

/** A membership proof in the shape the transaction circuit takes. */
export type MerklePath = {
  /**
   * Exactly {@link MAX_DEPTH} siblings, leaf level first. Entries at levels
   * `>= depth` are ignored by the circuit; they hold `zeros(level)`.
   */
  pathElements: bigint[]
  /** The leaf index; its bits select left/right at each level. */
  pathIndex: number
  /** `d(n)` of the tree the path was taken from. */
  depth: number
  /** The root at that depth. */
  root: bigint
}

const ZEROS: bigint[] = [0n]
for (let i = 1; i <= MAX_DEPTH; i++) ZEROS.push(hash2(ZEROS[i - 1]!, ZEROS[i - 1]!))

/** `Z(level)`: the root of an empty subtree of that height (`Z0 = 0`, `Z(i+1) = H2(Zi, Zi)`). */
export function zeros(level: number): bigint {
  const zero = ZEROS[level]
  if (zero === undefined) throw new TreeMismatchError(`No empty node at level ${level}.`)
  return zero
}

/** `d(n) = max(1, ceil(log2(n)))`: the depth of a pool holding `leafCount` leaves. */
export function treeDepth(leafCount: number): number {
  let depth = 1
  while (2 ** depth < leafCount) depth++
  return depth
}

/**
 * The pool's Merkle tree with a depth that grows with it (protocol v1): leaves
 * are commitments appended in pairs, empty leaves are `Z0 = 0`, and the root is
 * the node at level `d(n)`. Layers are kept in memory, so an insert rehashes
 * one path and a path is a lookup; ~100k leaves need a few MB.
 */
export class MerkleTree {
  // layers[l][j] is node j at level l; only levels 0..depth and only nodes
  // covering at least one leaf are stored, the rest are zeros(l).
  readonly #layers: bigint[][] = [[]]

  /** A tree holding `leaves` (an even number of commitments, in order). */
  constructor(leaves: readonly bigint[] = []) {
    if (leaves.length % 2 !== 0) {
      throw new TreeMismatchError('The pool inserts leaves in pairs; got an odd number.')
    }
    this.#append(leaves)
  }

  /** The commitments, in insertion order. */
  get leaves(): readonly bigint[] {
    return this.#layers[0]!
  }

  /** The number of leaves `n`. */
  get size(): number {
    return this.#layers[0]!.length
  }

  /** `d(n) = max(1, ceil(log2(n)))`. */
  get depth(): number {
    return treeDepth(this.size)
  }

  /** The root at the current depth; `Z1 = H2(0, 0)` when empty. */
  get root(): bigint {
    return this.#layers[this.depth]?.[0] ?? zeros(this.depth)
  }

  /** Appends one transaction's output pair; returns the index of the first. */
  insertPair(first: bigint, second: bigint): number {
    const index = this.size
    this.#append([first, second])
    return index
  }

  /**
   * Appends many pairs and rehashes each touched node once, which is what
   * syncing from the chain's `NewCommitment` events needs. Returns the index
   * of the first new leaf.
   */
  insertPairs(pairs: readonly (readonly [bigint, bigint])[]): number {
    const index = this.size
    this.#append(pairs.flat())
    return index
  }

  /** An independent copy, to update speculatively and swap in once checked. */
  clone(): MerkleTree {
    const copy = new MerkleTree()
    copy.#layers.length = 0
    for (const layer of this.#layers) copy.#layers.push(layer.slice())
    return copy
  }

  /** The membership path of leaf `index` against the current root. */
  path(index: number): MerklePath {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new TreeMismatchError(`There is no leaf ${index} in a tree of ${this.size}.`)
    }
    const depth = this.depth
    const pathElements: bigint[] = []
    for (let level = 0; level < MAX_DEPTH; level++) {
      const sibling = level < depth ? this.#layers[level]![(index >> level) ^ 1] : undefined
      pathElements.push(sibling ?? zeros(level))
    }
    return { pathElements, pathIndex: index, depth, root: this.root }
  }

  #append(leaves: readonly bigint[]): void {
    if (leaves.length === 0) return
    const first = this.size
    if (first + leaves.length > 2 ** MAX_DEPTH) {
      throw new TreeMismatchError(`The tree is full: it holds at most 2^${MAX_DEPTH} leaves.`)
    }
    for (const leaf of leaves) assertField(leaf, 'leaf')
    const bottom = this.#layers[0]!
    for (const leaf of leaves) bottom.push(leaf)
    const depth = this.depth
    // Nodes left of the first new leaf's ancestors are complete and unchanged;
    // every node from there to the right edge is (re)hashed once per level.
    for (let level = 1; level <= depth; level++) {
      const below = this.#layers[level - 1]!
      if (this.#layers.length === level) this.#layers.push([])
      const layer = this.#layers[level]!
      const zero = zeros(level - 1)
      const end = Math.ceil(below.length / 2)
      for (let j = first >> level; j < end; j++) {
        layer[j] = hash2(below[2 * j]!, below[2 * j + 1] ?? zero)
      }
    }
  }
}

/**
 * Checks a path the way the circuit does: `depth` in `[1, MAX_DEPTH]`,
 * exactly `MAX_DEPTH` elements, no index bit at or above `depth`, and the
 * node at level `depth` equal to `root`.
 */
export function verifyPath({
  leaf,
  pathElements,
  pathIndex,
  depth,
  root,
}: MerklePath & { leaf: bigint }): boolean {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) return false
  if (pathElements.length !== MAX_DEPTH) return false
  if (!Number.isInteger(pathIndex) || pathIndex < 0 || pathIndex >= 2 ** depth) return false
  let node = leaf
  for (let level = 0; level < depth; level++) {
    const sibling = pathElements[level]!
    node = (pathIndex >> level) & 1 ? hash2(sibling, node) : hash2(node, sibling)
  }
  return node === root
}
