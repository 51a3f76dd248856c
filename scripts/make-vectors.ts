/**
 * Writes tests/vectors/protocol.json: the protocol v2 values computed by
 * `lib/`, for the circuits, the contracts and any other implementation to
 * test against (tests/lib/vectors.test.ts checks lib/, the circuit and the
 * Solidity contracts against it). Field elements are decimal strings, byte
 * strings 0x-hex.
 * Run: npx tsx scripts/make-vectors.ts
 */
import { writeFileSync } from 'node:fs'
import {
  type Address,
  bytesToHex,
  getAddress,
  hexToBytes,
  keccak256,
  numberToHex,
  toHex,
} from 'viem'
import { encodeAddress } from '../lib/address.js'
import {
  BATCH_LEAVES,
  BATCH_LEVELS,
  FOLD_DELAY,
  PoolTree,
  TREE_LEVELS,
  type TreePath,
  zeros,
} from '../lib/epochTree.js'
import { FIELD_SIZE } from '../lib/field.js'
import { encodeFullViewingKey } from '../lib/fullViewingKey.js'
import { encryptHistory, type HistoryRecord } from '../lib/historyRecord.js'
import { deriveKeys } from '../lib/keys.js'
import { commitment, nullifier, outputRho } from '../lib/note.js'
import { encryptNote } from '../lib/noteEncryption.js'
import { hash2, hash4 } from '../lib/poseidon.js'
import { chooseRoots } from '../lib/transaction/chooseRoots.js'
import { type ExtData, hashExtData, publicAmountOf } from '../lib/transaction/extData.js'

const MNEMONIC = 'test test test test test test test test test test test junk'
const RECIPIENT_MNEMONIC =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'
const dec = (value: bigint) => value.toString()
/** A fixed field element named by a label: `keccak256(label) mod p`. */
const fixed = (label: string) => BigInt(keccak256(toHex(`zkpay/vectors/${label}`))) % FIELD_SIZE
const fixedBytes = (label: string) => hexToBytes(keccak256(toHex(`zkpay/vectors/${label}`)))

/** The same leaves as tests/contracts: `keccak256(uint256(i)) mod p`. */
const leafAt = (i: number) => BigInt(keccak256(numberToHex(i, { size: 32 }))) % FIELD_SIZE

const keys = deriveKeys(MNEMONIC)
const recipientKeys = deriveKeys(RECIPIENT_MNEMONIC)
const address = encodeAddress({
  ownerKey: keys.ownerKey,
  viewingPublicKey: keys.viewingKey.publicKey,
})
const recipientAddress = encodeAddress({
  ownerKey: recipientKeys.ownerKey,
  viewingPublicKey: recipientKeys.viewingKey.publicKey,
})

// --- note, rho --------------------------------------------------------------
const creatingNullifier = fixed('first-nullifier')
const note = {
  amount: 1_500_000n,
  ownerKey: keys.ownerKey,
  blinding: fixed('blinding'),
  rho: outputRho(creatingNullifier, 1),
}
const noteCommitment = commitment(note)

// --- tree -------------------------------------------------------------------
const pathVector = (tree: PoolTree, index: number) => {
  const path: TreePath = tree.path(index)
  return {
    leafIndex: index,
    leaf: dec(tree.leaves[index]!),
    anchor: path.anchor,
    pathIndex: path.pathIndex,
    root: dec(path.root),
    pathElements: path.pathElements.map(dec),
  }
}

/** Inserts `pairs` pairs one by one and records what the pool exposes after each. */
function treeVector(epochLevels: number, leaves: readonly bigint[], pathIndices: number[]) {
  const tree = new PoolTree({ epochLevels })
  const checkpoints = []
  const archiveRoots = []
  for (let pair = 0; 2 * pair < leaves.length; pair++) {
    const folded = tree.foldedBatches
    tree.insertPair(leaves[2 * pair]!, leaves[2 * pair + 1]!)
    checkpoints.push({
      pairs: pair + 1,
      latestBatchRoot: dec(tree.latestBatchRoot),
      foldedBatches: tree.foldedBatches,
      latestArchiveRoot: dec(tree.latestArchiveRoot),
    })
    if (tree.foldedBatches !== folded) {
      const batch = tree.foldedBatches - 1
      const epoch = tree.epochOfBatch(batch)
      archiveRoots.push({
        pairs: pair + 1,
        epoch,
        batchCount: batch - (epoch * tree.epochSize) / BATCH_LEAVES + 1,
        root: dec(tree.archiveRoot(epoch)),
      })
    }
  }
  return {
    tree,
    vector: {
      epochLevels,
      leafCount: leaves.length,
      checkpoints,
      archiveRoots,
      paths: pathIndices.map((i) => pathVector(tree, i)),
    },
  }
}

const treeLeaves = Array.from({ length: 124 }, (_, i) => leafAt(i))
// Epochs of 2^20 leaves: 31 pairs fold batch 0 (at pair 30); batch 1 is not folded.
const tree20 = treeVector(20, treeLeaves.slice(0, 62), [0, 5, 31, 32, 40, 61])
// Epochs of 2^6 leaves (two batches): 62 pairs fold batches 0, 1 (epoch 0, full)
// and 2 (epoch 1, half); batch 3 is not folded.
const tree6 = treeVector(6, treeLeaves, [5, 63, 64, 95, 96, 123])

// --- a spend: tx2 with an archive-anchored and a batch-anchored input -------
const secondNote = {
  amount: 700_000n,
  ownerKey: keys.ownerKey,
  blinding: fixed('blinding-2'),
  rho: fixed('rho-2'),
}
const spendInputs = [
  { note, leafIndex: 4 },
  { note: secondNote, leafIndex: 40 },
]
const spendLeaves = Array.from({ length: 62 }, (_, i) => leafAt(i))
for (const input of spendInputs) spendLeaves[input.leafIndex] = commitment(input.note)
const spendTree = new PoolTree({ leaves: spendLeaves })
const spendPaths = spendInputs.map((input) => spendTree.path(input.leafIndex))
const spendRoots = chooseRoots(
  spendTree,
  spendPaths.map((p) => p.anchor),
)
const inputNullifiers = spendInputs.map((input) =>
  nullifier({ commitment: commitment(input.note), nullifierKey: keys.nullifierKey }),
)
const firstNullifier = inputNullifiers[0]!
const outputs = [
  { amount: 1_200_000n, ownerKey: recipientKeys.ownerKey, blinding: fixed('out-blinding-0') },
  { amount: 800_000n, ownerKey: keys.ownerKey, blinding: fixed('out-blinding-1') },
].map((o, j) => {
  const rho = outputRho(firstNullifier, j as 0 | 1)
  return { ...o, rho, commitment: commitment({ ...o, rho }) }
})
const extAmount = -150_000n
const fee = 50_000n
const chainId = 31337
const pool: Address = getAddress(keccak256(toHex('zkpay/vectors/pool')).slice(0, 42))
const ephemeralSecrets = [fixedBytes('ephemeral-secret-0'), fixedBytes('ephemeral-secret-1')]
const history: HistoryRecord = {
  kind: 'pay',
  to: recipientAddress,
  amount: 1_200_000n,
  memo: 'rent',
}
const [enc1, enc2] = await Promise.all(
  outputs.map((o, j) =>
    encryptNote({
      note: { amount: o.amount, blinding: o.blinding },
      viewingPublicKey: (j === 0 ? recipientKeys : keys).viewingKey.publicKey,
      ephemeralSecret: ephemeralSecrets[j]!,
    }),
  ),
)
const encryptedHistory = await encryptHistory({
  record: history,
  outgoingKey: keys.outgoingKey,
  firstNullifier,
})
const extData: ExtData = {
  recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  extAmount,
  relayer: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  fee,
  encryptedOutput1: bytesToHex(enc1!),
  encryptedOutput2: bytesToHex(enc2!),
  encryptedHistory: bytesToHex(encryptedHistory),
}
const extDataHash = hashExtData(extData, { chainId, pool })
if (spendPaths[0]!.anchor.kind !== 'archive' || spendPaths[1]!.anchor.kind !== 'batch') {
  throw new Error('The spend vector must have one archive- and one batch-anchored input.')
}

// --- encrypted output and history record ------------------------------------
const ephemeralSecret = hexToBytes(keccak256(toHex('zkpay/vectors/ephemeral-secret')))
const memo = 'lunch 🍜'
const encrypted = await encryptNote({
  note: { amount: note.amount, blinding: note.blinding, memo },
  viewingPublicKey: keys.viewingKey.publicKey,
  ephemeralSecret,
})
const historyRecords: HistoryRecord[] = [
  { kind: 'pay', to: recipientAddress, amount: 1_200_000n, memo: 'rent' },
  { kind: 'shield', from: keys.account.address, amount: 5_000_000n, memo: '' },
  {
    kind: 'unshield',
    to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    amount: 150_000n,
    memo: 'out',
  },
  { kind: 'merge', amount: 2_200_000n, memo: '' },
]
const historyVectors = await Promise.all(
  historyRecords.map(async (record, i) => {
    const n0 = fixed(`history-nullifier-${i}`)
    const data = await encryptHistory({ record, outgoingKey: keys.outgoingKey, firstNullifier: n0 })
    return {
      record: { ...record, amount: dec(record.amount) },
      firstNullifier: dec(n0),
      data: bytesToHex(data),
    }
  }),
)

const vectors = {
  protocol: 2,
  generatedBy: 'scripts/make-vectors.ts',
  format: 'field elements as decimal strings, bytes as 0x-hex',
  fieldSize: dec(FIELD_SIZE),
  poseidon: {
    'H2(1,2)': dec(hash2(1n, 2n)),
    'H4(1,2,3,4)': dec(hash4(1n, 2n, 3n, 4n)),
    'H2(0,0)': dec(hash2(0n, 0n)),
    'H2(p-1,p-1)': dec(hash2(FIELD_SIZE - 1n, FIELD_SIZE - 1n)),
  },
  keys: {
    mnemonic: MNEMONIC,
    spendingKey: dec(keys.spendingKey),
    nullifierKey: dec(keys.nullifierKey),
    ownerKey: dec(keys.ownerKey),
    viewingPrivateKey: bytesToHex(keys.viewingKey.privateKey),
    viewingPublicKey: bytesToHex(keys.viewingKey.publicKey),
    outgoingKey: bytesToHex(keys.outgoingKey),
    address,
    fullViewingKey: encodeFullViewingKey(keys),
    evmAddress: keys.account.address,
  },
  recipient: {
    mnemonic: RECIPIENT_MNEMONIC,
    ownerKey: dec(recipientKeys.ownerKey),
    viewingPublicKey: bytesToHex(recipientKeys.viewingKey.publicKey),
    address: recipientAddress,
  },
  note: {
    amount: dec(note.amount),
    ownerKey: dec(note.ownerKey),
    blinding: dec(note.blinding),
    creatingNullifier: dec(creatingNullifier),
    outputIndex: 1,
    rho: dec(note.rho),
    commitment: dec(noteCommitment),
    nullifier: dec(nullifier({ commitment: noteCommitment, nullifierKey: keys.nullifierKey })),
  },
  rho: [creatingNullifier, FIELD_SIZE - 1n, 0n].map((n0) => ({
    firstNullifier: dec(n0),
    rho0: dec(outputRho(n0, 0)),
    rho1: dec(outputRho(n0, 1)),
  })),
  publicAmount: [
    [0n, 0n],
    [5_000_000n, 0n],
    [-150_000n, 50_000n],
    [0n, 7n],
    [(1n << 128n) - 1n, 0n],
    [-((1n << 128n) - 1n), (1n << 128n) - 1n],
  ].map(([ext, f]) => ({
    extAmount: dec(ext!),
    fee: dec(f!),
    publicAmount: dec(publicAmountOf(ext!, f!)),
  })),
  tree: {
    treeLevels: TREE_LEVELS,
    batchLevels: BATCH_LEVELS,
    foldDelay: FOLD_DELAY,
    foldedBatches: 'max(0, floor((pairs - 14) / 16))',
    zeros: Array.from({ length: TREE_LEVELS + 1 }, (_, i) => dec(zeros(i))),
    leafRule: 'leaf i = uint256(keccak256(abi.encode(uint256(i)))) mod p',
    leaves: treeLeaves.map(dec),
    epochs: [tree20.vector, tree6.vector],
  },
  spend: {
    circuit: 'tx2',
    epochLevels: 20,
    treeRule: 'tree.leaves (leaf rule) 0..61, each input commitment at its leafIndex',
    leafCount: spendLeaves.length,
    chainId,
    pool,
    batchRoot: dec(spendRoots.batchRoot),
    archiveRootA: dec(spendRoots.archiveRootA),
    archiveRootB: dec(spendRoots.archiveRootB),
    inputs: spendInputs.map((input, i) => ({
      amount: dec(input.note.amount),
      blinding: dec(input.note.blinding),
      rho: dec(input.note.rho),
      leafIndex: input.leafIndex,
      commitment: dec(commitment(input.note)),
      nullifier: dec(inputNullifiers[i]!),
      anchor: spendPaths[i]!.anchor,
      pathIndex: spendPaths[i]!.pathIndex,
      pathElements: spendPaths[i]!.pathElements.map(dec),
    })),
    outputs: outputs.map((o) => ({
      amount: dec(o.amount),
      ownerKey: dec(o.ownerKey),
      blinding: dec(o.blinding),
      rho: dec(o.rho),
      commitment: dec(o.commitment),
    })),
    history: { ...history, amount: dec(history.amount) },
    ephemeralSecrets: ephemeralSecrets.map((s) => bytesToHex(s)),
    extData: { ...extData, extAmount: dec(extAmount), fee: dec(fee) },
    extDataHash: dec(extDataHash),
    publicAmount: dec(publicAmountOf(extAmount, fee)),
  },
  encryptedNote: {
    viewingPublicKey: bytesToHex(keys.viewingKey.publicKey),
    ephemeralSecret: bytesToHex(ephemeralSecret),
    amount: dec(note.amount),
    blinding: dec(note.blinding),
    memo,
    data: bytesToHex(encrypted),
  },
  history: {
    outgoingKey: bytesToHex(keys.outgoingKey),
    records: historyVectors,
  },
}

const file = new URL('../tests/vectors/protocol.json', import.meta.url)
writeFileSync(file, `${JSON.stringify(vectors, null, 2)}\n`)
console.log(`wrote ${file.pathname}`)
