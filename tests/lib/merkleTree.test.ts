import { poseidon2 } from 'poseidon-lite'
import { describe, expect, it } from 'vitest'
import { InvalidFieldElementError, TreeMismatchError } from '../../lib/errors.js'
import { FIELD_SIZE, randomFieldElement } from '../../lib/field.js'
import { MAX_DEPTH, MerkleTree, treeDepth, verifyPath, zeros } from '../../lib/merkleTree.js'

/** The doc's definition, spelled out: pad to 2^d(n) with Z0 = 0 and hash up. */
function naiveRoot(leaves: bigint[]): bigint {
  const depth = Math.max(1, Math.ceil(Math.log2(Math.max(leaves.length, 1))))
  let layer = Array.from({ length: 2 ** depth }, (_, i) => leaves[i] ?? 0n)
  while (layer.length > 1) {
    layer = Array.from({ length: layer.length / 2 }, (_, i) =>
      poseidon2([layer[2 * i]!, layer[2 * i + 1]!]),
    )
  }
  return layer[0]!
}

const randomLeaves = (n: number) => Array.from({ length: n }, randomFieldElement)

describe('zeros', () => {
  it('are Z0 = 0 and Z(i+1) = H2(Zi, Zi)', () => {
    expect(zeros(0)).toBe(0n)
    for (let i = 0; i < MAX_DEPTH; i++) expect(zeros(i + 1)).toBe(poseidon2([zeros(i), zeros(i)]))
    expect(() => zeros(MAX_DEPTH + 1)).toThrow(TreeMismatchError)
  })
})

describe('treeDepth', () => {
  it('is max(1, ceil(log2(n)))', () => {
    expect([0, 1, 2, 3, 4, 5, 8, 9, 16, 17].map(treeDepth)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5])
    expect(treeDepth(2 ** 20)).toBe(20)
  })
})

describe('MerkleTree', () => {
  it('starts empty at depth 1 with root Z1', () => {
    const tree = new MerkleTree()
    expect(tree.size).toBe(0)
    expect(tree.depth).toBe(1)
    expect(tree.root).toBe(zeros(1))
    expect(tree.root).toBe(naiveRoot([]))
  })

  it('matches the naive root for 2..40 leaves, pair by pair and in bulk', () => {
    const leaves = randomLeaves(40)
    const tree = new MerkleTree()
    for (let n = 2; n <= 40; n += 2) {
      expect(tree.insertPair(leaves[n - 2]!, leaves[n - 1]!)).toBe(n - 2)
      expect(tree.depth).toBe(treeDepth(n))
      expect(tree.root, `n = ${n}`).toBe(naiveRoot(leaves.slice(0, n)))
      expect(new MerkleTree(leaves.slice(0, n)).root).toBe(tree.root)
    }
    expect(tree.leaves).toEqual(leaves)
  })

  it('matches the naive root for odd leaf counts too (the depth rule does not need pairs)', () => {
    for (let n = 1; n <= 17; n += 2) {
      const leaves = randomLeaves(n)
      expect(new MerkleTree([...leaves, 0n]).root).toBe(naiveRoot(leaves))
    }
  })

  it('gives the same tree for any split into bulk inserts', () => {
    const leaves = randomLeaves(70)
    const pairs = Array.from(
      { length: 35 },
      (_, i) => [leaves[2 * i]!, leaves[2 * i + 1]!] as const,
    )
    const bulk = new MerkleTree()
    bulk.insertPairs(pairs.slice(0, 1))
    expect(bulk.insertPairs(pairs.slice(1, 3))).toBe(2)
    bulk.insertPairs(pairs.slice(3, 20))
    bulk.insertPairs([])
    bulk.insertPairs(pairs.slice(20))
    expect(bulk.root).toBe(naiveRoot(leaves))
    expect(bulk.root).toBe(new MerkleTree(leaves).root)
  })

  it('gives paths that verify, with 20 elements and zeros above the depth', () => {
    const leaves = randomLeaves(38)
    const tree = new MerkleTree(leaves)
    for (const index of [0, 1, 5, 31, 32, 36, 37]) {
      const path = tree.path(index)
      expect(path.pathElements).toHaveLength(MAX_DEPTH)
      expect(path.depth).toBe(6)
      expect(path.root).toBe(tree.root)
      expect(path.pathIndex).toBe(index)
      for (let level = path.depth; level < MAX_DEPTH; level++) {
        expect(path.pathElements[level]).toBe(zeros(level))
      }
      expect(verifyPath({ leaf: leaves[index]!, ...path })).toBe(true)
      expect(verifyPath({ leaf: leaves[index]! + 1n, ...path })).toBe(false)
      expect(verifyPath({ leaf: leaves[index]!, ...path, pathIndex: index ^ 1 })).toBe(false)
    }
  })

  it('verifies paths of random leaves across growth', () => {
    const tree = new MerkleTree()
    for (let round = 0; round < 12; round++) {
      tree.insertPairs(
        Array.from(
          { length: 1 + round * 3 },
          () => [randomFieldElement(), randomFieldElement()] as const,
        ),
      )
      for (let k = 0; k < 5; k++) {
        const index = Math.floor(Math.random() * tree.size)
        expect(verifyPath({ leaf: tree.leaves[index]!, ...tree.path(index) })).toBe(true)
      }
    }
  })

  it('rejects paths the circuit rejects', () => {
    const leaves = randomLeaves(6)
    const path = new MerkleTree(leaves).path(5)
    const leaf = leaves[5]!
    expect(verifyPath({ leaf, ...path })).toBe(true)
    expect(verifyPath({ leaf, ...path, depth: 0 })).toBe(false)
    expect(verifyPath({ leaf, ...path, depth: 21 })).toBe(false)
    expect(verifyPath({ leaf, ...path, pathIndex: 5 + 2 ** path.depth })).toBe(false)
    expect(verifyPath({ leaf, ...path, pathElements: path.pathElements.slice(0, 19) })).toBe(false)
    // The same leaf seen one level deeper yields a different root.
    expect(verifyPath({ leaf, ...path, depth: path.depth + 1 })).toBe(false)
  })

  it('clones independently', () => {
    const tree = new MerkleTree(randomLeaves(4))
    const copy = tree.clone()
    copy.insertPair(1n, 2n)
    expect(tree.size).toBe(4)
    expect(copy.size).toBe(6)
    expect(copy.root).not.toBe(tree.root)
    expect(copy.clone().root).toBe(copy.root)
  })

  it('refuses bad leaves, odd counts and missing indices', () => {
    expect(() => new MerkleTree([1n])).toThrow(TreeMismatchError)
    expect(() => new MerkleTree().insertPair(1n, FIELD_SIZE)).toThrow(InvalidFieldElementError)
    const tree = new MerkleTree([1n, 2n])
    expect(() => tree.insertPair(FIELD_SIZE, 1n)).toThrow(InvalidFieldElementError)
    expect(tree.size).toBe(2)
    expect(() => tree.path(2)).toThrow(TreeMismatchError)
    expect(() => tree.path(-1)).toThrow(TreeMismatchError)
  })
})
