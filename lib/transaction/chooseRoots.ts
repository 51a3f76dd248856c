import { type Anchor, type PoolTree, TREE_LEVELS, zeros } from '../epochTree.js'
import { TreeMismatchError } from '../errors.js'

/** The three roots a transaction names; every real input is under one of them. */
export type SpendRoots = { batchRoot: bigint; archiveRootA: bigint; archiveRootB: bigint }

/**
 * Whether notes with these anchors can be spent in one transaction: at most
 * one batch and at most two epochs.
 */
export function anchorsFit(anchors: readonly Anchor[]): boolean {
  const batches = new Set(anchors.flatMap((a) => (a.kind === 'batch' ? [a.batch] : [])))
  const epochs = new Set(anchors.flatMap((a) => (a.kind === 'archive' ? [a.epoch] : [])))
  return batches.size <= 1 && epochs.size <= 2
}

/**
 * Picks the roots for inputs with these anchors. The second archive root is a
 * neighbouring epoch's whenever one exists, so that a spend from a young
 * epoch still hides among a full one (docs/protocol.md, "Anonymity").
 */
export function chooseRoots(tree: PoolTree, anchors: readonly Anchor[]): SpendRoots {
  if (!anchorsFit(anchors)) {
    throw new TreeMismatchError(
      'These notes cannot be spent together yet: they sit in too many parts of the pool.',
      { details: 'A transaction spends from at most one unfolded batch and two epochs.' },
    )
  }
  const batch = anchors.find((a) => a.kind === 'batch')
  const epochs = [...new Set(anchors.flatMap((a) => (a.kind === 'archive' ? [a.epoch] : [])))]
  const batchRoot = batch?.kind === 'batch' ? tree.batchRoot(batch.batch) : tree.latestBatchRoot
  const folded = tree.foldedBatches
  const latestEpoch = folded === 0 ? -1 : tree.epochOfBatch(folded - 1)
  const rootOf = (epoch: number) =>
    epoch >= 0 && epoch <= latestEpoch ? tree.archiveRoot(epoch) : zeros(TREE_LEVELS)
  if (epochs.length === 2) {
    return { batchRoot, archiveRootA: rootOf(epochs[0]!), archiveRootB: rootOf(epochs[1]!) }
  }
  const first = epochs[0] ?? latestEpoch
  const neighbour = first >= 1 ? first - 1 : first + 1
  return {
    batchRoot,
    archiveRootA: rootOf(first),
    archiveRootB: neighbour <= latestEpoch ? rootOf(neighbour) : rootOf(first),
  }
}
