import { poseidon2 } from 'poseidon-lite'
import { keccak256, numberToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  type Anchor,
  BATCH_LEAVES,
  BATCH_LEVELS,
  FOLD_DELAY,
  PoolTree,
  TREE_LEVELS,
  verifyPath,
  zeros,
} from '../../lib/epochTree.js'
import { InvalidFieldElementError, TreeMismatchError } from '../../lib/errors.js'
import { FIELD_SIZE } from '../../lib/field.js'

const leafAt = (i: number) => BigInt(keccak256(numberToHex(i, { size: 32 }))) % FIELD_SIZE
const leaves = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => leafAt(from + i))

// --- A reference written from docs/protocol.md ("Tree"), sharing nothing with lib/ but Poseidon.
const Z: bigint[] = [0n]
for (let i = 1; i <= TREE_LEVELS; i++) Z.push(poseidon2([Z[i - 1]!, Z[i - 1]!]))

/** Every level of a `levels`-deep tree holding `values` from position 0; absent nodes are Z(level). */
function referenceLayers(values: readonly bigint[], levels: number): bigint[][] {
  const layers = [[...values]]
  for (let level = 0; level < levels; level++) {
    const below = layers[level]!
    const next: bigint[] = []
    for (let i = 0; i < below.length; i += 2) {
      next.push(poseidon2([below[i]!, below[i + 1] ?? Z[level]!]))
    }
    layers.push(next)
  }
  return layers
}
const referenceRoot = (values: readonly bigint[], levels: number) =>
  referenceLayers(values, levels)[levels]![0] ?? Z[levels]!

/**
 * What the pool exposes after the first `count` leaves of `all` are inserted into
 * epochs of `2^epochLevels` leaves. Layers are memoized per slice of `all`
 * (Poseidon in JavaScript is slow), so `all` must not change.
 */
function reference(all: readonly bigint[], count: number, epochLevels: number) {
  const memo = memos.get(all) ?? new Map<string, bigint[][]>()
  memos.set(all, memo)
  const layersOf = (start: number, end: number, levels: number) => {
    const key = `${epochLevels}:${start}:${end}:${levels}`
    const layers = memo.get(key) ?? referenceLayers(all.slice(start, end), levels)
    memo.set(key, layers)
    return layers
  }
  const epochSize = 2 ** epochLevels
  const pairs = count / 2
  const folded = Math.max(0, Math.floor((pairs - 14) / 16))
  const batchLayers = (b: number) => layersOf(32 * b, Math.min(32 * b + 32, count), 5)
  const batchRoot = (b: number) => batchLayers(b)[5]![0] ?? Z[5]!
  /** Epoch e's archive tree: its leaves in folded batches, zeros after. */
  const archiveLayers = (e: number) =>
    layersOf(e * epochSize, Math.max(e * epochSize, Math.min((e + 1) * epochSize, folded * 32)), 20)
  const archiveRoot = (e: number) => archiveLayers(e)[20]![0] ?? Z[20]!
  const lastFoldedEpoch = folded === 0 ? -1 : Math.floor(((folded - 1) * 32) / epochSize)
  return {
    folded,
    batchRoot,
    latestBatchRoot: count === 0 ? Z[5]! : batchRoot(Math.floor((count - 1) / 32)),
    archiveRoot,
    latestArchiveRoot: folded === 0 ? Z[20]! : archiveRoot(lastFoldedEpoch),
    /** The anchor and siblings of leaf `g`, from the layers of its batch or of its epoch's archive. */
    path(g: number): { anchor: Anchor; pathElements: bigint[]; pathIndex: number; root: bigint } {
      const epoch = Math.floor(g / epochSize)
      const position = g % epochSize
      const batch = Math.floor(g / 32)
      if (batch < folded) {
        const layers = archiveLayers(epoch)
        return {
          anchor: { kind: 'archive', epoch },
          pathElements: Array.from(
            { length: 20 },
            (_, level) => layers[level]![(position >> level) ^ 1] ?? Z[level]!,
          ),
          pathIndex: position,
          root: archiveRoot(epoch),
        }
      }
      // Inside the batch the siblings are its own nodes; above it, unused, zeros.
      const layers = batchLayers(batch)
      const inBatch = g % 32
      return {
        anchor: { kind: 'batch', batch },
        pathElements: Array.from({ length: 20 }, (_, level) =>
          level < 5 ? (layers[level]![(inBatch >> level) ^ 1] ?? Z[level]!) : Z[level]!,
        ),
        pathIndex: position,
        root: batchRoot(batch),
      }
    },
  }
}
const memos = new WeakMap<readonly bigint[], Map<string, bigint[][]>>()

/**
 * Inserts `all` pair by pair and checks the batch roots, the fold count and the
 * archive roots against the reference after each insert; `each` runs after each.
 */
function insertAndCheck(
  epochLevels: number,
  all: readonly bigint[],
  each?: (tree: PoolTree, pairs: number) => void,
): PoolTree {
  const tree = new PoolTree({ epochLevels })
  let previousBatchRoot = tree.latestBatchRoot
  for (let pair = 0; 2 * pair < all.length; pair++) {
    const folded = tree.foldedBatches
    const index = tree.insertPair(all[2 * pair]!, all[2 * pair + 1]!)
    expect(index).toBe(2 * pair)
    const ref = reference(all, 2 * pair + 2, epochLevels)
    const where = `epochLevels ${epochLevels}, pair ${pair + 1}`
    expect(tree.size, where).toBe(2 * pair + 2)
    // Every insert changes the root of the batch it went into.
    expect(tree.latestBatchRoot, where).toBe(ref.latestBatchRoot)
    expect(tree.latestBatchRoot, where).not.toBe(previousBatchRoot)
    previousBatchRoot = tree.latestBatchRoot
    expect(tree.foldedBatches, where).toBe(ref.folded)
    expect(tree.foldedBatches, where).toBe(Math.max(0, Math.floor((pair + 1 - 14) / 16)))
    expect(tree.latestArchiveRoot, where).toBe(ref.latestArchiveRoot)
    if (tree.foldedBatches !== folded) {
      // A fold: every epoch's archive root, against the reference.
      const lastEpoch = tree.epochOfLeaf(tree.size - 1)
      for (let e = 0; e <= lastEpoch + 1; e++) {
        expect(tree.archiveRoot(e), `${where}, epoch ${e}`).toBe(ref.archiveRoot(e))
      }
    }
    each?.(tree, pair + 1)
  }
  return tree
}

/**
 * Checks the paths of the leaves at the edges of every batch and a few inside
 * against the reference, with verifyPath, and tampered copies of some.
 */
function checkPaths(tree: PoolTree, all: readonly bigint[]) {
  const ref = reference(all, tree.size, tree.epochLevels)
  const sample = tree.leaves.map((_, g) => g).filter((g) => [0, 1, 14, 21, 30, 31].includes(g % 32))
  for (const g of sample) {
    const path = tree.path(g)
    const leaf = tree.leaves[g]!
    expect(path, `leaf ${g}`).toEqual(ref.path(g))
    expect(path.anchor).toEqual(tree.anchorOf(g))
    expect(verifyPath({ ...path, leaf }), `leaf ${g}`).toBe(true)
    if (g % 32 !== 14) continue
    expect(verifyPath({ ...path, leaf: leaf + 1n })).toBe(false)
    const levels = path.anchor.kind === 'batch' ? BATCH_LEVELS : TREE_LEVELS
    for (const level of [0, levels - 1]) {
      const pathElements = [...path.pathElements]
      pathElements[level] = pathElements[level]! + 1n
      expect(verifyPath({ ...path, pathElements, leaf })).toBe(false)
    }
    expect(verifyPath({ ...path, pathIndex: path.pathIndex ^ 1, leaf })).toBe(false)
  }
  return sample.map((g) => tree.anchorOf(g).kind)
}

describe('PoolTree', () => {
  it('has the zeros Z0 = 0, Z(i+1) = H2(Z(i), Z(i)) and the constants of the protocol', () => {
    for (let i = 0; i <= TREE_LEVELS; i++) expect(zeros(i)).toBe(Z[i])
    expect(() => zeros(TREE_LEVELS + 1)).toThrow(TreeMismatchError)
    expect([TREE_LEVELS, BATCH_LEVELS, BATCH_LEAVES, FOLD_DELAY]).toEqual([20, 5, 32, 14])
  })

  it('starts empty, with the empty batch and epoch roots', () => {
    const tree = new PoolTree()
    expect(tree.epochLevels).toBe(20)
    expect(tree.size).toBe(0)
    expect(tree.epochSize).toBe(2 ** 20)
    expect(tree.foldedBatches).toBe(0)
    expect(tree.latestBatchRoot).toBe(Z[5])
    expect(tree.latestArchiveRoot).toBe(Z[20])
    expect(tree.batchRoot(0)).toBe(Z[5])
    expect(tree.archiveRoot(0)).toBe(Z[20])
    expect(() => tree.path(0)).toThrow(TreeMismatchError)
  })

  // 50 pairs: batch 0 is folded at pair 30, batch 1 at pair 46; batch 2 is complete
  // at pair 48 and still folding; batch 3 holds two pairs.
  it('has the batch and archive roots of the reference after every insert (epochs of 2^20)', () => {
    const all = leaves(100)
    const tree = insertAndCheck(20, all, (tree, pairs) => {
      // Leaf 0 is proven against its batch until that batch is folded, then against its epoch.
      expect(tree.anchorOf(0), `pair ${pairs}`).toEqual(
        pairs < 16 + FOLD_DELAY ? { kind: 'batch', batch: 0 } : { kind: 'archive', epoch: 0 },
      )
    })
    expect(tree.foldedBatches).toBe(Math.floor((50 - 14) / 16))
    for (let b = 0; b < 4; b++) {
      expect(tree.batchRoot(b)).toBe(referenceRoot(all.slice(32 * b, 32 * b + 32), 5))
    }
    expect(tree.batchRoot(4)).toBe(Z[5])
    expect(tree.archiveRoot(0)).toBe(referenceRoot(all.slice(0, 64), 20))
    expect(tree.archiveRoot(1)).toBe(Z[20])
    expect(tree.anchorOf(64)).toEqual({ kind: 'batch', batch: 2 })
    expect(tree.anchorOf(99)).toEqual({ kind: 'batch', batch: 3 })
    expect(new Set(checkPaths(tree, all))).toEqual(new Set(['archive', 'batch']))
  })

  // Epochs of 2^6 leaves hold two batches. 62 pairs fold batches 0, 1 (epoch 0,
  // full) and 2 (epoch 1, half); 80 pairs fold batch 3 too and start epoch 2.
  it('crosses epoch boundaries (epochLevels 6)', () => {
    const all = leaves(160)
    const tree = insertAndCheck(6, all, (tree, pairs) => {
      if (pairs !== 62) return
      expect(tree.foldedBatches).toBe(3)
      expect(tree.archiveRoot(1)).toBe(referenceRoot(all.slice(64, 96), 20))
      expect(tree.latestArchiveRoot).toBe(tree.archiveRoot(1))
      expect(checkPaths(tree, all)).toContain('archive')
    })
    expect(tree.epochSize).toBe(64)
    expect(tree.foldedBatches).toBe(Math.floor((80 - 14) / 16))
    expect(tree.archiveRoot(0)).toBe(referenceRoot(all.slice(0, 64), 20))
    expect(tree.archiveRoot(1)).toBe(referenceRoot(all.slice(64, 128), 20))
    expect(tree.latestArchiveRoot).toBe(tree.archiveRoot(1))
    expect(tree.archiveRoot(2)).toBe(Z[20])
    expect(tree.batchRoot(4)).toBe(referenceRoot(all.slice(128, 160), 5))
    expect([tree.epochOfLeaf(63), tree.epochOfLeaf(64), tree.epochOfLeaf(159)]).toEqual([0, 1, 2])
    expect([tree.epochOfBatch(1), tree.epochOfBatch(2), tree.epochOfBatch(4)]).toEqual([0, 1, 2])
    // The first leaf of an epoch is at position 0 of its own depth-20 tree.
    expect(tree.path(64).pathIndex).toBe(0)
    expect(tree.path(159)).toMatchObject({ pathIndex: 31, anchor: { kind: 'batch', batch: 4 } })
    expect(tree.path(127)).toMatchObject({ pathIndex: 63, anchor: { kind: 'archive', epoch: 1 } })
    checkPaths(tree, all)
    // A completed epoch's root is final.
    const epoch0 = tree.archiveRoot(0)
    tree.insertPairs(
      Array.from({ length: 20 }, (_, i) => [leafAt(1000 + 2 * i), leafAt(1001 + 2 * i)]),
    )
    expect(tree.archiveRoot(0)).toBe(epoch0)
    expect(tree.epochOfLeaf(tree.size - 1)).toBe(3)
  })

  // One batch per epoch: 46 pairs archive epochs 0 and 1.
  it('crosses epoch boundaries (epochLevels 5, one batch per epoch)', () => {
    const all = leaves(92)
    const tree = insertAndCheck(5, all)
    expect(tree.foldedBatches).toBe(2)
    expect(tree.archiveRoot(1)).toBe(referenceRoot(all.slice(32, 64), 20))
    expect(tree.latestArchiveRoot).toBe(tree.archiveRoot(1))
    expect(tree.path(33)).toMatchObject({ pathIndex: 1, anchor: { kind: 'archive', epoch: 1 } })
    checkPaths(tree, all)
  })

  it('builds the same tree from leaves, pairs or one pair at a time', () => {
    const all = leaves(80)
    const pairs = Array.from({ length: 40 }, (_, i) => [all[2 * i]!, all[2 * i + 1]!] as const)
    const one = new PoolTree({ epochLevels: 6 })
    for (const [a, b] of pairs) one.insertPair(a, b)
    const many = new PoolTree({ epochLevels: 6 })
    expect(many.insertPairs(pairs.slice(0, 9))).toBe(0)
    expect(many.insertPairs(pairs.slice(9))).toBe(18)
    const built = new PoolTree({ epochLevels: 6, leaves: all })
    for (const tree of [many, built]) {
      expect(tree.leaves).toEqual(one.leaves)
      expect(tree.latestBatchRoot).toBe(one.latestBatchRoot)
      expect(tree.latestArchiveRoot).toBe(one.latestArchiveRoot)
      expect(tree.archiveRoot(1)).toBe(one.archiveRoot(1))
      for (const g of [0, 63, 64, 79]) expect(tree.path(g)).toEqual(one.path(g))
    }
    expect(many.insertPairs([])).toBe(80)
  })

  it('clones independently', () => {
    const tree = new PoolTree({ epochLevels: 6, leaves: leaves(70) })
    const before = {
      size: tree.size,
      batch: tree.latestBatchRoot,
      archive: tree.latestArchiveRoot,
      path: tree.path(69),
    }
    const copy = tree.clone()
    expect(copy.epochLevels).toBe(6)
    expect(copy.latestBatchRoot).toBe(tree.latestBatchRoot)
    copy.insertPairs(Array.from({ length: 20 }, (_, i) => [leafAt(500 + i), leafAt(600 + i)]))
    expect(copy.size).toBe(110)
    expect(copy.latestArchiveRoot).not.toBe(before.archive)
    expect(tree.size).toBe(before.size)
    expect(tree.leaves).toHaveLength(70)
    expect(tree.latestBatchRoot).toBe(before.batch)
    expect(tree.latestArchiveRoot).toBe(before.archive)
    expect(tree.path(69)).toEqual(before.path)
    // And the other way round.
    const other = tree.clone()
    tree.insertPair(1n, 2n)
    expect(other.size).toBe(70)
    expect(other.latestBatchRoot).toBe(before.batch)
    expect(tree.latestBatchRoot).not.toBe(before.batch)
  })

  it('refuses an odd leaf count, bad epoch sizes, non-field leaves and missing leaves', () => {
    expect(() => new PoolTree({ leaves: [1n] })).toThrow(TreeMismatchError)
    expect(() => new PoolTree({ leaves: [1n, 2n, 3n] })).toThrow(/pairs/)
    for (const epochLevels of [4, 21, 5.5, Number.NaN]) {
      expect(() => new PoolTree({ epochLevels })).toThrow(TreeMismatchError)
    }
    const tree = new PoolTree({ leaves: [1n, 2n] })
    expect(() => tree.insertPair(FIELD_SIZE, 0n)).toThrow(InvalidFieldElementError)
    expect(() => tree.insertPair(-1n, 0n)).toThrow(InvalidFieldElementError)
    expect(tree.size).toBe(2)
    for (const index of [-1, 2, 0.5]) expect(() => tree.path(index)).toThrow(TreeMismatchError)
  })

  it('verifyPath refuses malformed paths', () => {
    const tree = new PoolTree({ leaves: leaves(4) })
    const path = tree.path(3)
    const leaf = tree.leaves[3]!
    expect(verifyPath({ ...path, leaf })).toBe(true)
    expect(verifyPath({ ...path, leaf, pathElements: path.pathElements.slice(0, 19) })).toBe(false)
    expect(verifyPath({ ...path, leaf, pathIndex: 2 ** 20 })).toBe(false)
    expect(verifyPath({ ...path, leaf, pathIndex: -1 })).toBe(false)
    // A batch path checked as an archive path (20 levels) misses its root.
    expect(verifyPath({ ...path, leaf, anchor: { kind: 'archive', epoch: 0 } })).toBe(false)
  })
})
