import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { poseidon2, poseidon4 } from 'poseidon-lite'
import * as snarkjs from 'snarkjs'
import {
  type Abi,
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeEventLog,
  getAddress,
  type Hex,
  hexToBytes,
  http,
  keccak256,
  numberToHex,
} from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { encodeAddress } from '../../lib/address.js'
import {
  artifacts,
  epochTreeHarnessAbi,
  poseidonHarnessAbi,
  shieldedPoolAbi,
} from '../../lib/contracts/artifacts.js'
import { linkBytecode } from '../../lib/contracts/link.js'
import {
  type Anchor,
  BATCH_LEVELS,
  FOLD_DELAY,
  PoolTree,
  TREE_LEVELS,
  verifyPath,
  zeros,
} from '../../lib/epochTree.js'
import { FIELD_SIZE } from '../../lib/field.js'
import { decodeFullViewingKey, encodeFullViewingKey } from '../../lib/fullViewingKey.js'
import { encryptHistory, type HistoryRecord, tryDecryptHistory } from '../../lib/historyRecord.js'
import { deriveKeys } from '../../lib/keys.js'
import { type Anvil, startAnvil } from '../../lib/node/anvil.js'
import { devAccount } from '../../lib/node/devAccounts.js'
import { circuitsDir } from '../../lib/node/loadCircuitArtifacts.js'
import { commitment, nullifier, outputRho } from '../../lib/note.js'
import { encryptNote } from '../../lib/noteEncryption.js'
import { hash2, hash4 } from '../../lib/poseidon.js'
import { chooseRoots } from '../../lib/transaction/chooseRoots.js'
import { type ExtData, hashExtData, publicAmountOf } from '../../lib/transaction/extData.js'
import vectors from '../vectors/protocol.json'

// tests/vectors/protocol.json (scripts/make-vectors.ts) is the protocol's
// shared test data. Each formula is checked here in every language that has
// it: lib/ (JavaScript), the transaction circuit (a witness of tx2 over the
// vector values) and the contracts (PoseidonHarness, EpochTreeHarness and the
// pool's hashExtData and calculatePublicAmount views on anvil).
const big = (values: readonly string[]) => values.map(BigInt)
const bytes = (hex: string) => hexToBytes(hex as Hex)
const leafAt = (i: number) => BigInt(keccak256(numberToHex(i, { size: 32 }))) % FIELD_SIZE
const keys = deriveKeys(vectors.keys.mnemonic)
const spend = vectors.spend
const extDataOf = (e: typeof spend.extData): ExtData => ({
  recipient: e.recipient as Address,
  extAmount: BigInt(e.extAmount),
  relayer: e.relayer as Address,
  fee: BigInt(e.fee),
  encryptedOutput1: e.encryptedOutput1 as Hex,
  encryptedOutput2: e.encryptedOutput2 as Hex,
  encryptedHistory: e.encryptedHistory as Hex,
})
const recordOf = (r: { kind: string; amount: string; memo: string; to?: string; from?: string }) =>
  ({ ...r, amount: BigInt(r.amount) }) as HistoryRecord
/** The leaves the spend's tree holds: the leaf rule, with each input's commitment at its index. */
function spendLeaves(): bigint[] {
  const leaves = Array.from({ length: spend.leafCount }, (_, i) => leafAt(i))
  for (const input of spend.inputs) leaves[input.leafIndex] = BigInt(input.commitment)
  return leaves
}

describe('shared vectors: lib/ (JavaScript)', () => {
  it('has the field and Poseidon values', () => {
    expect(BigInt(vectors.fieldSize)).toBe(FIELD_SIZE)
    const p1 = FIELD_SIZE - 1n
    expect(vectors.poseidon['H2(1,2)']).toBe(poseidon2([1n, 2n]).toString())
    expect(vectors.poseidon['H4(1,2,3,4)']).toBe(poseidon4([1n, 2n, 3n, 4n]).toString())
    expect(vectors.poseidon['H2(0,0)']).toBe(hash2(0n, 0n).toString())
    expect(vectors.poseidon['H2(p-1,p-1)']).toBe(hash2(p1, p1).toString())
    expect(vectors.poseidon['H4(1,2,3,4)']).toBe(hash4(1n, 2n, 3n, 4n).toString())
  })

  it('has the keys, address and full viewing key of its mnemonic', () => {
    const v = vectors.keys
    expect(keys.spendingKey.toString()).toBe(v.spendingKey)
    expect(keys.nullifierKey.toString()).toBe(v.nullifierKey)
    expect(keys.ownerKey).toBe(hash2(BigInt(v.spendingKey), BigInt(v.nullifierKey)))
    expect(keys.ownerKey.toString()).toBe(v.ownerKey)
    expect(keys.viewingKey.privateKey).toEqual(bytes(v.viewingPrivateKey))
    expect(keys.viewingKey.publicKey).toEqual(bytes(v.viewingPublicKey))
    expect(keys.outgoingKey).toEqual(bytes(v.outgoingKey))
    expect(
      encodeAddress({ ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey }),
    ).toBe(v.address)
    expect(encodeFullViewingKey(keys)).toBe(v.fullViewingKey)
    expect(decodeFullViewingKey(v.fullViewingKey).nullifierKey.toString()).toBe(v.nullifierKey)
    expect(keys.account.address).toBe(v.evmAddress)

    const recipient = deriveKeys(vectors.recipient.mnemonic)
    expect(recipient.ownerKey.toString()).toBe(vectors.recipient.ownerKey)
    expect(recipient.viewingKey.publicKey).toEqual(bytes(vectors.recipient.viewingPublicKey))
    expect(
      encodeAddress({
        ownerKey: recipient.ownerKey,
        viewingPublicKey: recipient.viewingKey.publicKey,
      }),
    ).toBe(vectors.recipient.address)
  })

  it('has the note commitment H4, nullifier H2(nk, C) and rho', () => {
    const v = vectors.note
    expect(v.ownerKey).toBe(vectors.keys.ownerKey)
    const rho = outputRho(BigInt(v.creatingNullifier), v.outputIndex as 0 | 1)
    expect(rho.toString()).toBe(v.rho)
    const note = {
      amount: BigInt(v.amount),
      ownerKey: BigInt(v.ownerKey),
      blinding: BigInt(v.blinding),
      rho,
    }
    const c = commitment(note)
    expect(c.toString()).toBe(v.commitment)
    expect(c).toBe(poseidon4([note.amount, note.ownerKey, note.blinding, note.rho]))
    const n = nullifier({ commitment: c, nullifierKey: keys.nullifierKey })
    expect(n.toString()).toBe(v.nullifier)
    expect(n).toBe(poseidon2([keys.nullifierKey, c]))
    for (const r of vectors.rho) {
      expect(outputRho(BigInt(r.firstNullifier), 0).toString()).toBe(r.rho0)
      expect(outputRho(BigInt(r.firstNullifier), 1).toString()).toBe(r.rho1)
      expect(BigInt(r.rho1)).toBe((BigInt(r.firstNullifier) + 1n) % FIELD_SIZE)
    }
    // N_0 = p - 1 wraps: its second output's rho is 0.
    expect(vectors.rho.some((r) => r.rho1 === '0')).toBe(true)
  })

  it('has the public amounts', () => {
    for (const v of vectors.publicAmount) {
      expect(publicAmountOf(BigInt(v.extAmount), BigInt(v.fee)).toString()).toBe(v.publicAmount)
    }
  })

  it('has the zeros, leaves, batch and archive roots and paths of the epoch trees', () => {
    const t = vectors.tree
    expect([t.treeLevels, t.batchLevels, t.foldDelay]).toEqual([TREE_LEVELS, BATCH_LEVELS, 14])
    expect(FOLD_DELAY).toBe(14)
    expect(big(t.zeros)).toEqual(t.zeros.map((_, i) => zeros(i)))
    expect(BigInt(t.zeros[1]!)).toBe(poseidon2([0n, 0n]))
    const leaves = big(t.leaves)
    expect(leaves).toEqual(leaves.map((_, i) => leafAt(i)))
    expect(t.epochs.map((e) => e.epochLevels)).toEqual([20, 6])
    for (const epoch of t.epochs) {
      const tree = new PoolTree({ epochLevels: epoch.epochLevels })
      const archived: typeof epoch.archiveRoots = []
      for (const checkpoint of epoch.checkpoints) {
        const pair = checkpoint.pairs - 1
        const folded = tree.foldedBatches
        tree.insertPair(leaves[2 * pair]!, leaves[2 * pair + 1]!)
        expect(tree.latestBatchRoot.toString()).toBe(checkpoint.latestBatchRoot)
        expect(tree.foldedBatches).toBe(checkpoint.foldedBatches)
        expect(tree.foldedBatches).toBe(Math.max(0, Math.floor((checkpoint.pairs - 14) / 16)))
        expect(tree.latestArchiveRoot.toString()).toBe(checkpoint.latestArchiveRoot)
        if (tree.foldedBatches !== folded) {
          const e = tree.epochOfBatch(tree.foldedBatches - 1)
          const batchCount = tree.foldedBatches - (e * tree.epochSize) / 32
          const root = tree.archiveRoot(e).toString()
          archived.push({ pairs: checkpoint.pairs, epoch: e, batchCount, root })
        }
      }
      expect(tree.size).toBe(epoch.leafCount)
      expect(archived).toEqual(epoch.archiveRoots)
      // Rebuilding in one go gives the same tree.
      const whole = new PoolTree({ epochLevels: epoch.epochLevels, leaves: tree.leaves })
      expect(whole.latestArchiveRoot).toBe(tree.latestArchiveRoot)
      for (const v of epoch.paths) {
        const path = tree.path(v.leafIndex)
        expect(path.anchor).toEqual(v.anchor)
        expect(path.pathIndex).toBe(v.pathIndex)
        expect(path.root.toString()).toBe(v.root)
        expect(path.pathElements).toEqual(big(v.pathElements))
        expect(BigInt(v.leaf)).toBe(leaves[v.leafIndex])
        expect(verifyPath({ ...path, leaf: BigInt(v.leaf) })).toBe(true)
        expect(whole.path(v.leafIndex)).toEqual(path)
      }
    }
  })

  it('has the spend: its tree, roots, nullifiers, outputs and external data', async () => {
    const tree = new PoolTree({ epochLevels: spend.epochLevels, leaves: spendLeaves() })
    const paths = spend.inputs.map((input) => tree.path(input.leafIndex))
    const roots = chooseRoots(
      tree,
      paths.map((p) => p.anchor),
    )
    expect(roots.batchRoot.toString()).toBe(spend.batchRoot)
    expect(roots.archiveRootA.toString()).toBe(spend.archiveRootA)
    expect(roots.archiveRootB.toString()).toBe(spend.archiveRootB)
    spend.inputs.forEach((input, i) => {
      const c = commitment({
        amount: BigInt(input.amount),
        ownerKey: keys.ownerKey,
        blinding: BigInt(input.blinding),
        rho: BigInt(input.rho),
      })
      expect(c.toString()).toBe(input.commitment)
      expect(nullifier({ commitment: c, nullifierKey: keys.nullifierKey }).toString()).toBe(
        input.nullifier,
      )
      expect(paths[i]!.anchor).toEqual(input.anchor as Anchor)
      expect(paths[i]!.pathIndex).toBe(input.pathIndex)
      expect(paths[i]!.pathElements).toEqual(big(input.pathElements))
    })
    expect(spend.inputs.map((i) => i.anchor.kind)).toEqual(['archive', 'batch'])
    const n0 = BigInt(spend.inputs[0]!.nullifier)
    spend.outputs.forEach((o, j) => {
      const rho = outputRho(n0, j as 0 | 1)
      expect(rho.toString()).toBe(o.rho)
      const note = {
        amount: BigInt(o.amount),
        ownerKey: BigInt(o.ownerKey),
        blinding: BigInt(o.blinding),
        rho,
      }
      expect(commitment(note).toString()).toBe(o.commitment)
    })
    // Value balance: inputs + publicAmount = outputs (mod p).
    const sum = (xs: { amount: string }[]) => xs.reduce((s, x) => s + BigInt(x.amount), 0n)
    expect((sum(spend.inputs) + BigInt(spend.publicAmount)) % FIELD_SIZE).toBe(sum(spend.outputs))

    // The ciphertexts are reproducible from their ephemeral secrets and N_0.
    const extData = extDataOf(spend.extData)
    const recipients = [vectors.recipient.viewingPublicKey, vectors.keys.viewingPublicKey]
    for (const [j, o] of spend.outputs.entries()) {
      const data = await encryptNote({
        note: { amount: BigInt(o.amount), blinding: BigInt(o.blinding) },
        viewingPublicKey: bytes(recipients[j]!),
        ephemeralSecret: bytes(spend.ephemeralSecrets[j]!),
      })
      expect(Buffer.from(data).toString('hex')).toBe(
        (j === 0 ? extData.encryptedOutput1 : extData.encryptedOutput2).slice(2),
      )
    }
    const history = await encryptHistory({
      record: recordOf(spend.history),
      outgoingKey: keys.outgoingKey,
      firstNullifier: n0,
    })
    expect(Buffer.from(history).toString('hex')).toBe(extData.encryptedHistory.slice(2))
    const poolId = { chainId: spend.chainId, pool: spend.pool as Address }
    expect(hashExtData(extData, poolId).toString()).toBe(spend.extDataHash)
    expect(publicAmountOf(extData.extAmount, extData.fee).toString()).toBe(spend.publicAmount)
    // Bound to the chain and the pool.
    expect(hashExtData(extData, { ...poolId, chainId: 1 }).toString()).not.toBe(spend.extDataHash)
    expect(hashExtData(extData, { ...poolId, pool: keys.account.address }).toString()).not.toBe(
      spend.extDataHash,
    )
  })

  it('has the history records', async () => {
    const outgoingKey = bytes(vectors.history.outgoingKey)
    expect(outgoingKey).toEqual(keys.outgoingKey)
    expect(vectors.history.records.map((r) => r.record.kind)).toEqual([
      'pay',
      'shield',
      'unshield',
      'merge',
    ])
    for (const v of vectors.history.records) {
      const firstNullifier = BigInt(v.firstNullifier)
      const record = recordOf(v.record)
      const data = await encryptHistory({ record, outgoingKey, firstNullifier })
      expect(Buffer.from(data).toString('hex')).toBe(v.data.slice(2))
      expect(await tryDecryptHistory({ data: bytes(v.data), outgoingKey, firstNullifier })).toEqual(
        record,
      )
    }
  })
})

/** The tx2 circuit's input for the spend vector, straight from the JSON (no lib/ involved). */
function spendCircuitInput(): Record<string, unknown> {
  return {
    batchRoot: spend.batchRoot,
    archiveRootA: spend.archiveRootA,
    archiveRootB: spend.archiveRootB,
    publicAmount: spend.publicAmount,
    extDataHash: spend.extDataHash,
    inputNullifier: spend.inputs.map((i) => i.nullifier),
    outputCommitment: spend.outputs.map((o) => o.commitment),
    spendingKey: vectors.keys.spendingKey,
    nullifierKey: vectors.keys.nullifierKey,
    inAmount: spend.inputs.map((i) => i.amount),
    inBlinding: spend.inputs.map((i) => i.blinding),
    inRho: spend.inputs.map((i) => i.rho),
    inPathIndex: spend.inputs.map((i) => String(i.pathIndex)),
    inPathElements: spend.inputs.map((i) => i.pathElements),
    outAmount: spend.outputs.map((o) => o.amount),
    outPubkey: spend.outputs.map((o) => o.ownerKey),
    outBlinding: spend.outputs.map((o) => o.blinding),
  }
}

describe('shared vectors: the transaction circuit', () => {
  let wasm: Uint8Array
  const witness = (input: Record<string, unknown>) =>
    snarkjs.wtns.calculate(input, wasm, { type: 'mem' })

  beforeAll(async () => {
    // The witness calculator logs each failed constraint; the tests check the errors.
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(spend.circuit).toBe('tx2')
    wasm = new Uint8Array(await readFile(join(circuitsDir, 'tx2.wasm')))
  })
  afterAll(() => {
    vi.restoreAllMocks()
  })

  // The witness exists only if every constraint holds: P = H2(sk, nk), each
  // C = H4(...) and N = H2(nk, C) as the vector has them, the archive path
  // reaching archiveRootA at level 20, the batch path reaching batchRoot at
  // level 5, outputs H4(amount, P, blinding, N_0 + j), and the value balance
  // with the vector's publicAmount (p - 200000).
  it('accepts the spend vector: the circuit computes what lib/ computed', async () => {
    await expect(witness(spendCircuitInput())).resolves.toBeUndefined()
  })

  it.each([
    ['a batchRoot', (x: Record<string, unknown>) => ({ ...x, batchRoot: '1' })],
    [
      'both archive roots',
      (x: Record<string, unknown>) => ({ ...x, archiveRootA: '1', archiveRootB: '1' }),
    ],
    ['a publicAmount', (x: Record<string, unknown>) => ({ ...x, publicAmount: '0' })],
    [
      'a first nullifier',
      (x: Record<string, unknown>) => ({
        ...x,
        inputNullifier: [vectors.note.commitment, spend.inputs[1]!.nullifier],
      }),
    ],
    [
      'an output commitment',
      (x: Record<string, unknown>) => ({
        ...x,
        outputCommitment: [spend.outputs[0]!.commitment, spend.inputs[1]!.commitment],
      }),
    ],
    ['a nullifier key', (x: Record<string, unknown>) => ({ ...x, nullifierKey: '1' })],
  ])('refuses the spend vector with %s changed', async (_, change) => {
    await expect(witness(change(spendCircuitInput()))).rejects.toThrow(/Assert Failed/)
  })
})

describe('shared vectors: the contracts', () => {
  let anvil: Anvil
  let client: ReturnType<typeof clients>
  const clients = (rpcUrl: string) => {
    const transport = http(rpcUrl)
    const account = devAccount(0).address
    return {
      public: createPublicClient({ chain: foundry, transport, pollingInterval: 50 }),
      wallet: createWalletClient({ chain: foundry, transport, account }),
      test: createTestClient({ chain: foundry, transport, mode: 'anvil' }),
    }
  }
  async function deploy(name: keyof typeof artifacts, args: readonly unknown[] = []) {
    const artifact = artifacts[name]
    const hash = await client.wallet.deployContract({
      abi: artifact.abi as Abi,
      bytecode: linkBytecode(artifact, {}),
      args,
    })
    const receipt = await client.public.waitForTransactionReceipt({ hash })
    if (!receipt.contractAddress) throw new Error(`Deploying ${name} failed.`)
    return getAddress(receipt.contractAddress)
  }
  /** Inserts leaves pair by pair into a new EpochTreeHarness; calls `after(pairs)` after each. */
  async function insertAll(
    epochLevels: number,
    leaves: readonly bigint[],
    after?: (pairs: number, archived: bigint[], address: Address) => Promise<void>,
  ) {
    const address = await deploy('EpochTreeHarness', [BigInt(epochLevels)])
    const archived: bigint[] = []
    for (let pair = 0; 2 * pair < leaves.length; pair++) {
      const hash = await client.wallet.writeContract({
        address,
        abi: epochTreeHarnessAbi,
        functionName: 'insertPair',
        args: [leaves[2 * pair]!, leaves[2 * pair + 1]!],
      })
      const receipt = await client.public.waitForTransactionReceipt({ hash, pollingInterval: 10 })
      expect(receipt.status).toBe('success')
      for (const log of receipt.logs) {
        const event = decodeEventLog({ abi: epochTreeHarnessAbi, ...log })
        if (event.eventName === 'ArchiveRoot') archived.push(event.args.root)
      }
      await after?.(pair + 1, archived, address)
    }
    const read = (functionName: 'isKnownBatchRoot' | 'isKnownArchiveRoot', root: bigint) =>
      client.public.readContract({
        address,
        abi: epochTreeHarnessAbi,
        functionName: functionName as 'isKnownBatchRoot',
        args: [root],
      })
    return { address, archived, read }
  }

  beforeAll(async () => {
    anvil = await startAnvil()
    client = clients(anvil.rpcUrl)
  })
  afterAll(() => anvil?.stop())

  it('PoseidonHash.hash2 equals the H2 vectors', async () => {
    const address = await deploy('PoseidonHarness')
    const h2 = (a: bigint, b: bigint) =>
      client.public.readContract({
        address,
        abi: poseidonHarnessAbi,
        functionName: 'hash2',
        args: [a, b],
      })
    const p1 = FIELD_SIZE - 1n
    expect((await h2(1n, 2n)).toString()).toBe(vectors.poseidon['H2(1,2)'])
    expect((await h2(0n, 0n)).toString()).toBe(vectors.poseidon['H2(0,0)'])
    expect((await h2(p1, p1)).toString()).toBe(vectors.poseidon['H2(p-1,p-1)'])
    // Owner key and nullifier are H2 as well: the contract's Poseidon gives the same.
    expect((await h2(keys.spendingKey, keys.nullifierKey)).toString()).toBe(vectors.keys.ownerKey)
    expect((await h2(keys.nullifierKey, BigInt(vectors.note.commitment))).toString()).toBe(
      vectors.note.nullifier,
    )
  })

  it('EpochTree has the zeros, batch roots and archive roots of the tree vectors', async () => {
    const leaves = big(vectors.tree.leaves)
    for (const epoch of vectors.tree.epochs) {
      const tree = await insertAll(
        epoch.epochLevels,
        leaves.slice(0, epoch.leafCount),
        async (pairs, archived, address) => {
          const checkpoint = epoch.checkpoints[pairs - 1]!
          expect(checkpoint.pairs).toBe(pairs)
          const latest = await client.public.readContract({
            address,
            abi: epochTreeHarnessAbi,
            functionName: 'latestBatchRoot',
          })
          expect(latest.toString(), `${epoch.epochLevels}: pair ${pairs}`).toBe(
            checkpoint.latestBatchRoot,
          )
          expect(archived).toHaveLength(checkpoint.foldedBatches)
        },
      )
      expect(tree.archived.map(String)).toEqual(epoch.archiveRoots.map((a) => a.root))
      for (const path of epoch.paths) {
        const known = await tree.read(
          path.anchor.kind === 'batch' ? 'isKnownBatchRoot' : 'isKnownArchiveRoot',
          BigInt(path.root),
        )
        expect(known, `path of leaf ${path.leafIndex}`).toBe(true)
      }
      const zeroes = await Promise.all(
        vectors.tree.zeros.map((_, i) =>
          client.public.readContract({
            address: tree.address,
            abi: epochTreeHarnessAbi,
            functionName: 'zeros',
            args: [BigInt(i)],
          }),
        ),
      )
      expect(zeroes.map(String)).toEqual(vectors.tree.zeros)
    }
  })

  it('EpochTree knows the roots the spend vector names', async () => {
    const tree = await insertAll(spend.epochLevels, spendLeaves())
    expect(await tree.read('isKnownBatchRoot', BigInt(spend.batchRoot))).toBe(true)
    expect(await tree.read('isKnownArchiveRoot', BigInt(spend.archiveRootA))).toBe(true)
    expect(await tree.read('isKnownArchiveRoot', BigInt(spend.archiveRootB))).toBe(true)
  })

  it("the pool's hashExtData and calculatePublicAmount equal the vectors", async () => {
    const deployed = await deploy('ShieldedPool', [
      devAccount(1).address,
      devAccount(2).address,
      devAccount(3).address,
      devAccount(4).address,
      20n,
    ])
    // hashExtData reads block.chainid and address(this): run the pool's code at
    // the vector's pool address on chain 31337.
    const code = await client.public.getCode({ address: deployed })
    const pool = spend.pool as Address
    await client.test.setCode({ address: pool, bytecode: code! })
    expect(await client.public.getChainId()).toBe(spend.chainId)
    const read = { address: pool, abi: shieldedPoolAbi } as const
    const extData = extDataOf(spend.extData)
    expect(
      (
        await client.public.readContract({ ...read, functionName: 'hashExtData', args: [extData] })
      ).toString(),
    ).toBe(spend.extDataHash)
    // At the deployed address the same data hashes differently: the hash names its pool.
    expect(
      await client.public.readContract({
        address: deployed,
        abi: shieldedPoolAbi,
        functionName: 'hashExtData',
        args: [extData],
      }),
    ).toBe(hashExtData(extData, { chainId: spend.chainId, pool: deployed }))
    for (const v of [...vectors.publicAmount, spend]) {
      const args = 'extAmount' in v ? ([BigInt(v.extAmount), BigInt(v.fee)] as const) : undefined
      const [extAmount, fee] = args ?? [extData.extAmount, extData.fee]
      const publicAmount = await client.public.readContract({
        ...read,
        functionName: 'calculatePublicAmount',
        args: [extAmount, fee],
      })
      expect(publicAmount.toString()).toBe(v.publicAmount)
    }
  })
})
