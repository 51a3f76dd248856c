import { poseidon1, poseidon2, poseidon3 } from 'poseidon-lite'
import { keccak256, numberToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { encodeAddress } from '../../lib/address.js'
import { FIELD_SIZE } from '../../lib/field.js'
import { deriveKeys } from '../../lib/keys.js'
import { MerkleTree, verifyPath, zeros } from '../../lib/merkleTree.js'
import { commitment, nullifier } from '../../lib/note.js'
import vectors from '../vectors/protocol.json'

// tests/vectors/protocol.json is what the circuits and contracts test
// against; these checks keep lib/ and the file from drifting apart.
const big = (values: string[]) => values.map(BigInt)

describe('tests/vectors/protocol.json', () => {
  it('has the field and Poseidon values', () => {
    expect(BigInt(vectors.fieldSize)).toBe(FIELD_SIZE)
    expect(vectors.poseidon['H1(1)']).toBe(poseidon1([1n]).toString())
    expect(vectors.poseidon['H2(1,2)']).toBe(poseidon2([1n, 2n]).toString())
    expect(vectors.poseidon['H3(1,2,3)']).toBe(poseidon3([1n, 2n, 3n]).toString())
  })

  it('has the keys and address of its mnemonic', () => {
    const keys = deriveKeys(vectors.keys.mnemonic)
    expect(keys.spendingKey.toString()).toBe(vectors.keys.spendingKey)
    expect(keys.ownerKey.toString()).toBe(vectors.keys.ownerKey)
    expect(Buffer.from(keys.viewingKey.privateKey).toString('hex')).toBe(
      vectors.keys.viewingPrivateKey.slice(2),
    )
    expect(Buffer.from(keys.viewingKey.publicKey).toString('hex')).toBe(
      vectors.keys.viewingPublicKey.slice(2),
    )
    expect(
      encodeAddress({ ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey }),
    ).toBe(vectors.keys.address)
    expect(keys.account.address).toBe(vectors.keys.evmAddress)
  })

  it('has the note commitment and nullifier', () => {
    const note = {
      amount: BigInt(vectors.note.amount),
      ownerKey: BigInt(vectors.note.ownerKey),
      blinding: BigInt(vectors.note.blinding),
    }
    expect(note.ownerKey.toString()).toBe(vectors.keys.ownerKey)
    const c = commitment(note)
    expect(c.toString()).toBe(vectors.note.commitment)
    const n = nullifier({
      commitment: c,
      leafIndex: vectors.note.leafIndex,
      spendingKey: BigInt(vectors.keys.spendingKey),
    })
    expect(n.toString()).toBe(vectors.note.nullifier)
  })

  it('has the zeros, leaves, roots and paths', () => {
    expect(big(vectors.merkle.zeros)).toEqual(vectors.merkle.zeros.map((_, i) => zeros(i)))
    const leaves = big(vectors.merkle.leaves)
    leaves.forEach((leaf, i) => {
      expect(leaf).toBe(BigInt(keccak256(numberToHex(i, { size: 32 }))) % FIELD_SIZE)
    })
    expect(vectors.merkle.roots).toHaveLength(9)
    for (const { pairs, leafCount, depth, root } of vectors.merkle.roots) {
      expect(leafCount).toBe(2 * pairs)
      const tree = new MerkleTree(leaves.slice(0, leafCount))
      expect(tree.depth).toBe(depth)
      expect(tree.root.toString()).toBe(root)
    }
    for (const path of vectors.merkle.paths) {
      const tree = new MerkleTree(leaves.slice(0, path.leafCount))
      const expected = tree.path(path.pathIndex)
      expect(expected.pathElements).toEqual(big(path.pathElements))
      expect(expected.root.toString()).toBe(path.root)
      expect(verifyPath({ ...expected, leaf: BigInt(path.leaf) })).toBe(true)
    }
  })
})
