import { describe, expect, it } from 'vitest'
import { PoolTree } from '../../lib/epochTree.js'
import { TreeMismatchError } from '../../lib/errors.js'
import type { PoolState } from '../../lib/sync/poolState.js'
import { deserializePoolState, serializePoolState } from '../../lib/sync/poolStateJson.js'
import vectors from '../vectors/protocol.json'

function sampleState(): PoolState {
  // Epochs of 2^6 leaves and 40 pairs: batch 0 is folded into epoch 0's archive
  // root, and epoch 1 has started.
  const leaves = Array.from({ length: 80 }, (_, i) => BigInt(i + 11))
  return {
    pool: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9',
    tree: new PoolTree({ epochLevels: 6, leaves }),
    notes: [
      {
        commitment: 13n,
        leafIndex: 2,
        amount: 10n ** 18n,
        blinding: 99n,
        rho: 1234n,
        memo: 'thanks',
        nullifier: 77n,
        spent: true,
        txHash: `0x${'01'.repeat(32)}`,
        blockNumber: 7n,
        blockTime: 1_700_000_000,
        spentTxHash: `0x${'02'.repeat(32)}`,
        spentBlockNumber: 9n,
      },
      {
        commitment: 14n,
        leafIndex: 3,
        amount: (1n << 128n) - 1n,
        blinding: 5n,
        rho: 1235n,
        memo: '',
        nullifier: 78n,
        spent: false,
        txHash: `0x${'01'.repeat(32)}`,
        blockNumber: 7n,
      },
    ],
    sent: [
      {
        txHash: `0x${'03'.repeat(32)}`,
        blockNumber: 8n,
        blockTime: 1_700_000_100,
        fee: 5n,
        relayer: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
        record: {
          kind: 'pay',
          to: vectors.recipient.address as `zkpay1${string}`,
          amount: 10n ** 18n,
          memo: 'rent',
        },
      },
      {
        txHash: `0x${'04'.repeat(32)}`,
        blockNumber: 9n,
        fee: 0n,
        relayer: '0x0000000000000000000000000000000000000000',
        record: {
          kind: 'shield',
          from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
          amount: 3n,
          memo: '',
        },
      },
      {
        txHash: `0x${'05'.repeat(32)}`,
        blockNumber: 9n,
        fee: 1n,
        relayer: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
        record: { kind: 'merge', amount: 7n, memo: '' },
      },
    ],
    nullifiers: new Set([77n, 1n]),
    syncedBlock: 10n,
  }
}

describe('pool state JSON', () => {
  it('round-trips through JSON text: tree (epochs included), notes, history and nullifiers', () => {
    const state = sampleState()
    const json = serializePoolState(state)
    expect(json.version).toBe(3)
    expect(json.tree.epochLevels).toBe(6)
    const restored = deserializePoolState(JSON.parse(JSON.stringify(json)))
    expect(restored.tree.epochLevels).toBe(6)
    expect(restored.tree.size).toBe(80)
    for (const i of [0, 2, 31, 63, 64, 79]) expect(restored.tree.leaf(i)).toBe(state.tree.leaf(i))
    expect(restored.tree.latestBatchRoot).toBe(state.tree.latestBatchRoot)
    expect(restored.tree.foldedBatches).toBe(state.tree.foldedBatches)
    expect(restored.tree.latestArchiveRoot).toBe(state.tree.latestArchiveRoot)
    expect(restored.tree.archiveRoot(0)).toBe(state.tree.archiveRoot(0))
    expect(restored.tree.path(70)).toEqual(state.tree.path(70))
    expect(restored.notes).toEqual(state.notes)
    expect(restored.sent).toEqual(state.sent)
    expect(restored.nullifiers).toEqual(state.nullifiers)
    expect(restored.syncedBlock).toBe(10n)
    expect(restored.pool).toBe(state.pool)
  })

  it('round-trips an empty state with epochs of 2^20', () => {
    const state: PoolState = {
      ...sampleState(),
      tree: new PoolTree(),
      notes: [],
      sent: [],
      nullifiers: new Set(),
    }
    const restored = deserializePoolState(JSON.parse(JSON.stringify(serializePoolState(state))))
    expect(restored.tree.epochLevels).toBe(20)
    expect(restored.tree.size).toBe(0)
    expect(restored.tree.latestBatchRoot).toBe(state.tree.latestBatchRoot)
  })

  it('reads a version-2 cache (every leaf) into a tree that keeps only the batches of its notes', () => {
    const state = sampleState()
    const { tree: _tree, ...rest } = serializePoolState(state)
    const legacy = {
      ...rest,
      version: 2,
      epochLevels: 6,
      leaves: state.tree.leaves.map((l) => `0x${l.toString(16)}`),
    }
    const restored = deserializePoolState(legacy)
    expect(restored.tree.latestBatchRoot).toBe(state.tree.latestBatchRoot)
    expect(restored.tree.path(2)).toEqual(state.tree.path(2))
    expect(restored.tree.leaf(40)).toBeUndefined()
    expect(() => deserializePoolState({ ...legacy, leaves: ['0x1'] })).toThrow(TreeMismatchError)
  })

  it('refuses a malformed cache with TreeMismatchError', () => {
    const json = serializePoolState(sampleState())
    const cases: unknown[] = [
      null,
      { ...json, version: 1 },
      { ...json, version: 4 },
      { ...json, pool: 'nope' },
      { ...json, tree: { ...json.tree, size: 79 } },
      { ...json, tree: { ...json.tree, size: 82 } },
      { ...json, tree: { ...json.tree, upper: [] } },
      { ...json, tree: { ...json.tree, batches: [[0, [['zz']]]] } },
      { ...json, tree: { ...json.tree, batches: [[9, json.tree.batches[0]![1]]] } },
      { ...json, tree: { ...json.tree, epochLevels: 4 } },
      { ...json, tree: { ...json.tree, epochLevels: 21 } },
      { ...json, syncedBlock: 'ten' },
      { ...json, notes: [{ ...json.notes[0], txHash: 'x' }] },
      { ...json, notes: [{ ...json.notes[0], rho: undefined }] },
      { ...json, sent: [{ ...json.sent[0], record: { ...json.sent[0]!.record, kind: 'steal' } }] },
      { ...json, sent: [{ ...json.sent[0], fee: '-1' }] },
    ]
    for (const bad of cases) expect(() => deserializePoolState(bad)).toThrow(TreeMismatchError)
  })
})
