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
 * A tree's state without the leaves it no longer needs: every node at the
 * batch-root level and above (`upper[e][l - BATCH_LEVELS]`: the nodes of level
 * `l` of epoch `e` that cover at least one leaf), and the five lower levels of
 * the batches kept (`batches`: global batch index and its `layers[0..4]`,
 * leaves first). Enough to go on appending, to give every root, and to give
 * the path of any leaf of a kept batch. See docs/sync.md.
 */
export type TreeSnapshot = {
  epochLevels: number
  size: number
  upper: bigint[][][]
  batches: [batch: number, layers: bigint[][]][]
}

/** Which batches keep their lower levels: all of them, or only those marked with `keep`. */
export type TreeRetention = 'all' | 'marked'

/**
 * The pool's tree as the contract keeps it (protocol v2, "Tree"): epochs of
 * `2^epochLevels` leaves, each a depth-20 Poseidon tree; a batch root for every
 * insert and an archive root each time a batch has been folded in.
 *
 * Every node at the batch-root level and above is kept in memory (about two
 * per 32 leaves). The levels below (leaves and the four levels over them) are
 * kept for every batch with `retain: 'all'` (the default), else only for the
 * batch being filled and the batches marked with {@link keep}: a wallet marks
 * those of its own notes, since a path needs nothing else. Inserting rehashes
 * one path per batch touched, a path is a lookup.
 */
export class PoolTree {
  readonly epochLevels: number
  readonly retain: TreeRetention
  #size = 0
  // Every leaf, with retain 'all'.
  readonly #leaves: bigint[] = []
  // #upper[e][l - BATCH_LEVELS][j]: node j at level l (BATCH_LEVELS..TREE_LEVELS)
  // of epoch e, for nodes covering at least one leaf (the rest are zeros(l)).
  readonly #upper: bigint[][][] = []
  // Levels 0..BATCH_LEVELS-1 of the batches held, by global batch index.
  readonly #lower = new Map<number, bigint[][]>()
  // Batches marked with keep() (retain 'marked').
  readonly #marked = new Set<number>()

  constructor({
    epochLevels = TREE_LEVELS,
    leaves = [],
    retain = 'all',
  }: { epochLevels?: number; leaves?: readonly bigint[]; retain?: TreeRetention } = {}) {
    if (!Number.isInteger(epochLevels) || epochLevels < BATCH_LEVELS || epochLevels > TREE_LEVELS) {
      throw new TreeMismatchError(
        `An epoch has ${BATCH_LEVELS} to ${TREE_LEVELS} levels, not ${epochLevels}.`,
      )
    }
    this.epochLevels = epochLevels
    this.retain = retain
    if (leaves.length % 2 !== 0) {
      throw new TreeMismatchError('The pool inserts leaves in pairs; got an odd number.')
    }
    this.#append(leaves)
  }

  /**
   * A tree (retain 'marked') from {@link snapshot}'s output, without hashing:
   * the shapes are checked, the values are not (the next sync compares the
   * roots with the pool's, and {@link path} checks each path it gives).
   */
  static fromSnapshot(snapshot: TreeSnapshot): PoolTree {
    const { size, upper, batches } = snapshot
    const tree = new PoolTree({ epochLevels: snapshot.epochLevels, retain: 'marked' })
    const bad = (what: string) => new TreeMismatchError(`The stored tree is malformed: ${what}.`)
    if (!Number.isSafeInteger(size) || size < 0 || size % 2 !== 0) throw bad('size')
    const epochs = Math.ceil(size / tree.epochSize)
    if (!Array.isArray(upper) || upper.length !== epochs) throw bad('epoch count')
    upper.forEach((levels, e) => {
      const inEpoch = Math.min(tree.epochSize, size - e * tree.epochSize)
      if (!Array.isArray(levels) || levels.length !== TREE_LEVELS - BATCH_LEVELS + 1)
        throw bad(`levels of epoch ${e}`)
      levels.forEach((nodes, i) => {
        if (!Array.isArray(nodes) || nodes.length !== Math.ceil(inEpoch / 2 ** (BATCH_LEVELS + i)))
          throw bad(`level ${BATCH_LEVELS + i} of epoch ${e}`)
        for (const node of nodes) assertField(node, 'tree node')
      })
      tree.#upper.push(levels.map((nodes) => nodes.slice()))
    })
    const batchCount = Math.ceil(size / BATCH_LEAVES)
    for (const [batch, layers] of batches) {
      if (!Number.isSafeInteger(batch) || batch < 0 || batch >= batchCount) throw bad('batch index')
      const inBatch = Math.min(BATCH_LEAVES, size - batch * BATCH_LEAVES)
      if (!Array.isArray(layers) || layers.length !== BATCH_LEVELS) throw bad(`batch ${batch}`)
      layers.forEach((nodes, l) => {
        if (!Array.isArray(nodes) || nodes.length !== Math.ceil(inBatch / 2 ** l))
          throw bad(`level ${l} of batch ${batch}`)
        for (const node of nodes) assertField(node, 'tree node')
      })
      tree.#lower.set(
        batch,
        layers.map((nodes) => nodes.slice()),
      )
      tree.#marked.add(batch)
    }
    if (size % BATCH_LEAVES !== 0 && !tree.#lower.has(batchCount - 1))
      throw bad('the batch being filled is missing')
    tree.#size = size
    return tree
  }

  /** What {@link fromSnapshot} takes: the upper levels and the batches held (copies). */
  snapshot(): TreeSnapshot {
    return {
      epochLevels: this.epochLevels,
      size: this.#size,
      upper: this.#upper.map((levels) => levels.map((nodes) => nodes.slice())),
      batches: [...this.#lower.entries()]
        .sort(([a], [b]) => a - b)
        .map(([batch, layers]) => [batch, layers.map((nodes) => nodes.slice())]),
    }
  }

  /** Nodes of level `level` (BATCH_LEVELS..TREE_LEVELS) of epoch `epoch` that cover a leaf. */
  upperNodes(epoch: number, level: number): readonly bigint[] {
    return this.#upper[epoch]?.[level - BATCH_LEVELS] ?? []
  }

  /** Levels 0..4 of global batch `batch`, if this tree holds them. */
  batchLayers(batch: number): readonly (readonly bigint[])[] | undefined {
    return this.#lower.get(batch)
  }

  /**
   * Keeps the batch of leaf `index` (which may not be inserted yet) with its
   * lower levels, so that {@link path} works for it. With retain 'all' every
   * batch is kept anyway.
   */
  keep(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0)
      throw new TreeMismatchError(`No leaf index ${index}.`)
    this.#marked.add(index >> BATCH_LEVELS)
  }

  /** Leaf `index` if its batch is held, else undefined. */
  leaf(index: number): bigint | undefined {
    return this.#lower.get(index >> BATCH_LEVELS)?.[0]?.[index % BATCH_LEAVES]
  }

  /** Every commitment, by global leaf index (retain 'all' only). */
  get leaves(): readonly bigint[] {
    if (this.retain !== 'all')
      throw new TreeMismatchError('This tree keeps only the leaves of marked batches.')
    return this.#leaves
  }

  get size(): number {
    return this.#size
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
    const copy = new PoolTree({ epochLevels: this.epochLevels, retain: this.retain })
    copy.#size = this.#size
    if (this.retain === 'all') copy.#leaves.push(...this.#leaves)
    for (const levels of this.#upper) copy.#upper.push(levels.map((nodes) => nodes.slice()))
    for (const [batch, layers] of this.#lower)
      copy.#lower.set(
        batch,
        layers.map((nodes) => nodes.slice()),
      )
    for (const batch of this.#marked) copy.#marked.add(batch)
    return copy
  }

  /** The root of global batch `batch` as it stands (zeros for leaves not yet in). */
  batchRoot(batch: number): bigint {
    const perEpoch = this.epochSize / BATCH_LEAVES
    const levels = this.#upper[Math.floor(batch / perEpoch)]
    return levels?.[0]?.[batch % perEpoch] ?? zeros(BATCH_LEVELS)
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

  /**
   * The membership path of leaf `index` against its {@link anchorOf} root.
   * Its batch must be held (see {@link keep}); the path is checked against
   * the root before it is returned.
   */
  path(index: number): TreePath {
    const anchor = this.anchorOf(index)
    const layers = this.#lower.get(index >> BATCH_LEVELS)
    if (!layers)
      throw new TreeMismatchError(`The tree does not keep the batch of leaf ${index}.`, {
        details: 'a wallet keeps the batches of its own notes; rescan to rebuild them',
      })
    const epoch = this.epochOfLeaf(index)
    const position = index % this.epochSize
    const inBatch = position % BATCH_LEAVES
    const pathElements: bigint[] = []
    for (let level = 0; level < BATCH_LEVELS; level++)
      pathElements.push(layers[level]![(inBatch >> level) ^ 1] ?? zeros(level))
    let path: TreePath
    if (anchor.kind === 'batch') {
      for (let level = BATCH_LEVELS; level < TREE_LEVELS; level++) pathElements.push(zeros(level))
      path = { pathElements, pathIndex: position, anchor, root: this.batchRoot(anchor.batch) }
    } else {
      const limit = this.#foldedLeaves(epoch)
      for (let level = BATCH_LEVELS; level < TREE_LEVELS; level++)
        pathElements.push(this.#prefixNode(epoch, level, (position >> level) ^ 1, limit))
      path = { pathElements, pathIndex: position, anchor, root: this.archiveRoot(epoch) }
    }
    if (!verifyPath({ ...path, leaf: layers[0]![inBatch]! }))
      throw new TreeMismatchError(`The stored tree gives a wrong path for leaf ${index}.`)
    return path
  }

  #assertLeaf(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new TreeMismatchError(`There is no leaf ${index} in a tree of ${this.size}.`)
    }
  }

  /** Leaves of epoch `epoch` inside its archive root (a whole number of batches). */
  #foldedLeaves(epoch: number): number {
    const leaves = this.foldedBatches * BATCH_LEAVES - epoch * this.epochSize
    return Math.min(Math.max(leaves, 0), this.epochSize)
  }

  /**
   * Node `index` at `level` (>= BATCH_LEVELS) of epoch `epoch` with every leaf
   * at or past `limit` taken as zero. `limit` is a whole number of batches, so
   * a batch root is either inside or past it.
   */
  #prefixNode(epoch: number, level: number, index: number, limit: number): bigint {
    const start = index * 2 ** level
    if (start >= limit) return zeros(level)
    if (start + 2 ** level <= limit)
      return this.#upper[epoch]![level - BATCH_LEVELS]![index] ?? zeros(level)
    return hash2(
      this.#prefixNode(epoch, level - 1, 2 * index, limit),
      this.#prefixNode(epoch, level - 1, 2 * index + 1, limit),
    )
  }

  #append(leaves: readonly bigint[]): void {
    if (leaves.length === 0) return
    for (const leaf of leaves) assertField(leaf, 'leaf')
    // Lowest batch root changed, per epoch: the levels above rehash from there.
    const dirty = new Map<number, number>()
    let offset = 0
    while (offset < leaves.length) {
      const global = this.#size
      const batch = global >> BATCH_LEVELS
      const first = global % BATCH_LEAVES
      const take = Math.min(BATCH_LEAVES - first, leaves.length - offset)
      let layers = this.#lower.get(batch)
      if (!layers) {
        if (first !== 0)
          throw new TreeMismatchError(`The tree does not hold batch ${batch}, being filled.`)
        layers = Array.from({ length: BATCH_LEVELS }, () => [] as bigint[])
        this.#lower.set(batch, layers)
      }
      const bottom = layers[0]!
      for (let i = 0; i < take; i++) bottom.push(leaves[offset + i]!)
      for (let level = 1; level < BATCH_LEVELS; level++) {
        const below = layers[level - 1]!
        const layer = layers[level]!
        const zero = zeros(level - 1)
        const end = Math.ceil(below.length / 2)
        for (let j = first >> level; j < end; j++)
          layer[j] = hash2(below[2 * j]!, below[2 * j + 1] ?? zero)
      }
      const top = layers[BATCH_LEVELS - 1]!
      const epoch = this.epochOfLeaf(global)
      const inEpoch = (global % this.epochSize) >> BATCH_LEVELS
      while (this.#upper.length <= epoch)
        this.#upper.push(Array.from({ length: TREE_LEVELS - BATCH_LEVELS + 1 }, () => []))
      this.#upper[epoch]![0]![inEpoch] = hash2(top[0]!, top[1] ?? zeros(BATCH_LEVELS - 1))
      if (!dirty.has(epoch)) dirty.set(epoch, inEpoch)
      if (this.retain === 'all')
        for (let i = 0; i < take; i++) this.#leaves.push(leaves[offset + i]!)
      this.#size += take
      offset += take
      // A full batch nobody marked is not needed again.
      if (first + take === BATCH_LEAVES && this.retain !== 'all' && !this.#marked.has(batch))
        this.#lower.delete(batch)
    }
    for (const [epoch, from] of dirty) {
      const levels = this.#upper[epoch]!
      for (let level = BATCH_LEVELS + 1; level <= TREE_LEVELS; level++) {
        const below = levels[level - 1 - BATCH_LEVELS]!
        const layer = levels[level - BATCH_LEVELS]!
        const zero = zeros(level - 1)
        const end = Math.ceil(below.length / 2)
        for (let j = from >> (level - BATCH_LEVELS); j < end; j++)
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
