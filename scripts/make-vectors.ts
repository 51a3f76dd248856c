/**
 * Writes tests/vectors/protocol.json: the protocol v1 values computed by
 * `lib/`, for the circuits, the contracts and any other implementation to
 * test against. Field elements are decimal strings, byte strings 0x-hex.
 * Run: npx tsx scripts/make-vectors.ts
 */
import { writeFileSync } from 'node:fs'
import { bytesToHex, hexToBytes, keccak256, numberToHex, toHex } from 'viem'
import { encodeAddress } from '../lib/address.js'
import { FIELD_SIZE } from '../lib/field.js'
import { deriveKeys } from '../lib/keys.js'
import { MAX_DEPTH, MerkleTree, zeros } from '../lib/merkleTree.js'
import { commitment, nullifier } from '../lib/note.js'
import { encryptNote } from '../lib/noteEncryption.js'
import { hash1, hash2, hash3 } from '../lib/poseidon.js'

const MNEMONIC = 'test test test test test test test test test test test junk'
const dec = (value: bigint) => value.toString()

/** The same leaves as tests/contracts: `keccak256(uint256(i)) mod p`. */
const leafAt = (i: number) => BigInt(keccak256(numberToHex(i, { size: 32 }))) % FIELD_SIZE

const keys = deriveKeys(MNEMONIC)
const note = {
  amount: 1_500_000n,
  ownerKey: keys.ownerKey,
  blinding: BigInt(keccak256(toHex('zkpay/vectors/blinding'))) % FIELD_SIZE,
}
const noteCommitment = commitment(note)
const leafIndex = 5

const leaves = Array.from({ length: 16 }, (_, i) => leafAt(i))
const roots = [{ pairs: 0, leafCount: 0, depth: 1, root: dec(new MerkleTree().root) }]
for (let pairs = 1; pairs <= 8; pairs++) {
  const tree = new MerkleTree(leaves.slice(0, 2 * pairs))
  roots.push({ pairs, leafCount: 2 * pairs, depth: tree.depth, root: dec(tree.root) })
}
const paths = [
  { leafCount: 6, index: 5 },
  { leafCount: 16, index: 5 },
  { leafCount: 16, index: 0 },
].map(({ leafCount, index }) => {
  const path = new MerkleTree(leaves.slice(0, leafCount)).path(index)
  return {
    leafCount,
    leaf: dec(leaves[index]!),
    pathIndex: path.pathIndex,
    depth: path.depth,
    root: dec(path.root),
    pathElements: path.pathElements.map(dec),
  }
})

const ephemeralSecret = hexToBytes(keccak256(toHex('zkpay/vectors/ephemeral-secret')))
const memo = 'lunch 🍜'
const encrypted = await encryptNote({
  note: { amount: note.amount, blinding: note.blinding, memo },
  viewingPublicKey: keys.viewingKey.publicKey,
  ephemeralSecret,
})

const vectors = {
  protocol: 1,
  generatedBy: 'scripts/make-vectors.ts',
  format: 'field elements as decimal strings, bytes as 0x-hex',
  fieldSize: dec(FIELD_SIZE),
  poseidon: {
    'H1(1)': dec(hash1(1n)),
    'H2(1,2)': dec(hash2(1n, 2n)),
    'H3(1,2,3)': dec(hash3(1n, 2n, 3n)),
  },
  keys: {
    mnemonic: MNEMONIC,
    spendingKey: dec(keys.spendingKey),
    ownerKey: dec(keys.ownerKey),
    viewingPrivateKey: bytesToHex(keys.viewingKey.privateKey),
    viewingPublicKey: bytesToHex(keys.viewingKey.publicKey),
    address: encodeAddress({
      ownerKey: keys.ownerKey,
      viewingPublicKey: keys.viewingKey.publicKey,
    }),
    evmAddress: keys.account.address,
  },
  note: {
    amount: dec(note.amount),
    ownerKey: dec(note.ownerKey),
    blinding: dec(note.blinding),
    commitment: dec(noteCommitment),
    leafIndex,
    nullifier: dec(
      nullifier({ commitment: noteCommitment, leafIndex, spendingKey: keys.spendingKey }),
    ),
  },
  merkle: {
    maxDepth: MAX_DEPTH,
    zeros: Array.from({ length: MAX_DEPTH + 1 }, (_, i) => dec(zeros(i))),
    leafRule: 'leaf i = uint256(keccak256(abi.encode(uint256(i)))) mod p',
    leaves: leaves.map(dec),
    roots,
    paths,
  },
  encryptedNote: {
    viewingPublicKey: bytesToHex(keys.viewingKey.publicKey),
    ephemeralSecret: bytesToHex(ephemeralSecret),
    amount: dec(note.amount),
    blinding: dec(note.blinding),
    memo,
    data: bytesToHex(encrypted),
  },
}

const file = new URL('../tests/vectors/protocol.json', import.meta.url)
writeFileSync(file, `${JSON.stringify(vectors, null, 2)}\n`)
console.log(`wrote ${file.pathname}`)
