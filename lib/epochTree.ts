import { TreeMismatchError } from './errors.js'
import { assertField } from './field.js'
import { hash2 } from './poseidon.js'

/** Levels of an epoch tree: the circuits' path length. */
export const TREE_LEVELS = 20
/** Levels of a batch (32 leaves, 16 transactions). */
export const BATCH_LEVELS = 5
/** Leaves in a batch. */
export const BATCH_LEAVES = 1 << BATCH_LEVELS
/**
 * A completed batch is folded into its epoch's root one level per insert,
 * starting with the insert that completes it: its archive root exists once
 * this many more inserts have landed.
 */
export const FOLD_DELAY = TREE_LEVELS - BATCH_LEVELS - 1

const ZEROS: bigint[] = [0n]
for (let i = 1; i <= TREE_LEVELS; i++) ZEROS.push(hash2(ZEROS[i - 1]!, ZEROS[i - 1]!))

/** `Z(level)`: the root of an empty subtree of that height (`Z0 = 0`, `Z(i+1) = H2(Zi, Zi)`). */
export function zeros(level: number): bigint {
  const zero = ZEROS[level]
  if (zero === undefined) throw new TreeMismatchError(`No empty node at level ${level}.`)
  return zero
}

/** Where a note's membership is proven: its batch's root, or its epoch's archive root. */
export type Anchor = { kind: 'batch'; batch: number } | { kind: 'archive'; epoch: number }

/** A membership path in the shape the transaction circuit takes. */
export type TreePath = {
  /** Exactly {@link TREE_LEVELS} siblings, leaf level first. */
  pathElements: bigint[]
  /** The leaf's position in its epoch; its bits select left/right at each level. */
  pathIndex: number
  anchor: Anchor
  /** The root the path reaches: a batch root (level 5) or an archive root (level 20). */
  root: bigint
}

/**
 * The pool's tree as the contract keeps it (protocol v2, "Tree"): epochs of
 * `2^epochLevels` leaves, each a depth-20 Poseidon tree; a batch root for every
 * insert and an archive root each time a batch has been folded in. Every node
 * is kept in memory, so an insert rehashes one path and a path is a lookup.
 */
export class PoolTree {
  readonly epochLevels: number
  readonly #leaves: bigint[] = []
  // #epochs[e][l][j]: node j at level l of epoch e's tree, for nodes covering
  // at least one leaf (the rest are zeros(l)).
  readonly #epochs: bigint[][][] = []

  constructor({
    epochLevels = TREE_LEVELS,
    leaves = [],
  }: { epochLevels?: number; leaves?: readonly bigint[] } = {}) {
    if (!Number.isInteger(epochLevels) || epochLevels < BATCH_LEVELS || epochLevels > TREE_LEVELS) {
      throw new TreeMismatchError(
        `An epoch has ${BATCH_LEVELS} to ${TREE_LEVELS} levels, not ${epochLevels}.`,
      )
    }
    this.epochLevels = epochLevels
    if (leaves.length % 2 !== 0) {
      throw new TreeMismatchError('The pool inserts leaves in pairs; got an odd number.')
    }
    this.#append(leaves)
  }

  /** Every commitment, by global leaf index. */
  get leaves(): readonly bigint[] {
    return this.#leaves
  }

  get size(): number {
    return this.#leaves.length
  }

  /** Leaves per epoch. */
  get epochSize(): number {
    return 2 ** this.epochLevels
  }

  /** Batches whose archive root the contract has recorded. */
  get foldedBatches(): number {
    return Math.max(0, Math.floor((this.size / 2 - FOLD_DELAY) / (BATCH_LEAVES / 2)))
  }

  /** Appends one transaction's output pair; returns the global index of the first. */
  insertPair(first: bigint, second: bigint): number {
    const index = this.size
    this.#append([first, second])
    return index
  }

  /** Appends many pairs, rehashing each touched node once. Returns the first new index. */
  insertPairs(pairs: readonly (readonly [bigint, bigint])[]): number {
    const index = this.size
    this.#append(pairs.flat())
    return index
  }

  clone(): PoolTree {
    const copy = new PoolTree({ epochLevels: this.epochLevels })
    copy.#leaves.push(...this.#leaves)
    for (const layers of this.#epochs) copy.#epochs.push(layers.map((layer) => layer.slice()))
    return copy
  }

  /** The root of global batch `batch` as it stands (zeros for leaves not yet in). */
  batchRoot(batch: number): bigint {
    const perEpoch = this.epochSize / BATCH_LEAVES
    const layers = this.#epochs[Math.floor(batch / perEpoch)]
    return layers?.[BATCH_LEVELS]?.[batch % perEpoch] ?? zeros(BATCH_LEVELS)
  }

  /** The root of the batch the latest insert went into (`Z5` when empty), as the pool's `latestBatchRoot()`. */
  get latestBatchRoot(): bigint {
    return this.size === 0 ? zeros(BATCH_LEVELS) : this.batchRoot((this.size - 1) >> BATCH_LEVELS)
  }

  /** Epoch `epoch`'s archive root: its folded batches, zeros after (`Z20` before any). */
  archiveRoot(epoch: number): bigint {
    const limit = this.#foldedLeaves(epoch)
    return limit === 0 ? zeros(TREE_LEVELS) : this.#prefixNode(epoch, TREE_LEVELS, 0, limit)
  }

  /** The archive root of the epoch of the latest folded batch (`Z20` before any). */
  get latestArchiveRoot(): bigint {
    const folded = this.foldedBatches
    if (folded === 0) return zeros(TREE_LEVELS)
    return this.archiveRoot(this.epochOfBatch(folded - 1))
  }

  epochOfLeaf(index: number): number {
    return Math.floor(index / this.epochSize)
  }

  epochOfBatch(batch: number): number {
    return Math.floor((batch * BATCH_LEAVES) / this.epochSize)
  }

  /** Where leaf `index` is proven now: its epoch once its batch is folded, else its batch. */
  anchorOf(index: number): Anchor {
    this.#assertLeaf(index)
    const batch = index >> BATCH_LEVELS
    return batch < this.foldedBatches
      ? { kind: 'archive', epoch: this.epochOfLeaf(index) }
      : { kind: 'batch', batch }
  }

  /** The membership path of leaf `index` against its {@link anchorOf} root. */
  path(index: number): TreePath {
    const anchor = this.anchorOf(index)
    const epoch = this.epochOfLeaf(index)
    const position = index % this.epochSize
    const layers = this.#epochs[epoch]!
    const pathElements: bigint[] = []
    if (anchor.kind === 'batch') {
      for (let level = 0; level < TREE_LEVELS; level++) {
        const sibling = level < BATCH_LEVELS ? layers[level]![(position >> level) ^ 1] : undefined
        pathElements.push(sibling ?? zeros(level))
      }
      return { pathElements, pathIndex: position, anchor, root: this.batchRoot(anchor.batch) }
    }
    const limit = this.#foldedLeaves(epoch)
    for (let level = 0; level < TREE_LEVELS; level++) {
      pathElements.push(this.#prefixNode(epoch, level, (position >> level) ^ 1, limit))
    }
    return { pathElements, pathIndex: position, anchor, root: this.archiveRoot(epoch) }
  }

  #assertLeaf(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new TreeMismatchError(`There is no leaf ${index} in a tree of ${this.size}.`)
    }
  }

  /** Leaves of epoch `epoch` inside its archive root. */
  #foldedLeaves(epoch: number): number {
    const leaves = this.foldedBatches * BATCH_LEAVES - epoch * this.epochSize
    return Math.min(Math.max(leaves, 0), this.epochSize)
  }

  /** Node `index` at `level` of epoch `epoch` with every leaf at or past `limit` taken as zero. */
  #prefixNode(epoch: number, level: number, index: number, limit: number): bigint {
    const start = index * 2 ** level
    if (start >= limit) return zeros(level)
    if (start + 2 ** level <= limit) return this.#epochs[epoch]![level]![index] ?? zeros(level)
    return hash2(
      this.#prefixNode(epoch, level - 1, 2 * index, limit),
      this.#prefixNode(epoch, level - 1, 2 * index + 1, limit),
    )
  }

  #append(leaves: readonly bigint[]): void {
    if (leaves.length === 0) return
    for (const leaf of leaves) assertField(leaf, 'leaf')
    let offset = 0
    while (offset < leaves.length) {
      const global = this.size
      const epoch = this.epochOfLeaf(global)
      const room = this.epochSize - (global % this.epochSize)
      const chunk = leaves.slice(offset, offset + room)
      this.#appendToEpoch(epoch, global % this.epochSize, chunk)
      for (const leaf of chunk) this.#leaves.push(leaf)
      offset += chunk.length
    }
  }

  #appendToEpoch(epoch: number, first: number, leaves: readonly bigint[]): void {
    while (this.#epochs.length <= epoch) this.#epochs.push([[]])
    const layers = this.#epochs[epoch]!
    const bottom = layers[0]!
    for (const leaf of leaves) bottom.push(leaf)
    for (let level = 1; level <= TREE_LEVELS; level++) {
      const below = layers[level - 1]!
      if (layers.length === level) layers.push([])
      const layer = layers[level]!
      const zero = zeros(level - 1)
      const end = Math.ceil(below.length / 2)
      for (let j = first >> level; j < end; j++) {
        layer[j] = hash2(below[2 * j]!, below[2 * j + 1] ?? zero)
      }
    }
  }
}

/** Checks a path the way the circuit does, against `root` at the anchor's level. */
export function verifyPath({
  leaf,
  pathElements,
  pathIndex,
  anchor,
  root,
}: TreePath & { leaf: bigint }): boolean {
  if (pathElements.length !== TREE_LEVELS) return false
  if (!Number.isInteger(pathIndex) || pathIndex < 0 || pathIndex >= 2 ** TREE_LEVELS) return false
  const levels = anchor.kind === 'batch' ? BATCH_LEVELS : TREE_LEVELS
  let node = leaf
  for (let level = 0; level < levels; level++) {
    const sibling = pathElements[level]!
    node = (pathIndex >> level) & 1 ? hash2(sibling, node) : hash2(node, sibling)
  }
  return node === root
}
