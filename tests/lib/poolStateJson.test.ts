import { describe, expect, it } from 'vitest'
import { TreeMismatchError } from '../../lib/errors.js'
import { MerkleTree } from '../../lib/merkleTree.js'
import type { PoolState } from '../../lib/sync/poolState.js'
import { deserializePoolState, serializePoolState } from '../../lib/sync/poolStateJson.js'

function sampleState(): PoolState {
  return {
    pool: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9',
    tree: new MerkleTree([11n, 12n, 13n, 14n]),
    notes: [
      {
        commitment: 13n,
        leafIndex: 2,
        amount: 10n ** 18n,
        blinding: 99n,
        memo: 'thanks',
        nullifier: 77n,
        spent: true,
        txHash: `0x${'01'.repeat(32)}`,
        blockNumber: 7n,
        spentTxHash: `0x${'02'.repeat(32)}`,
        spentBlockNumber: 9n,
      },
      {
        commitment: 14n,
        leafIndex: 3,
        amount: 0n,
        blinding: 5n,
        memo: '',
        nullifier: 78n,
        spent: false,
        txHash: `0x${'01'.repeat(32)}`,
        blockNumber: 7n,
      },
    ],
    nullifiers: new Set([77n, 1n]),
    syncedBlock: 10n,
  }
}

describe('pool state JSON', () => {
  it('round-trips through JSON text, tree included', () => {
    const state = sampleState()
    const restored = deserializePoolState(JSON.parse(JSON.stringify(serializePoolState(state))))
    expect(restored.tree.root).toBe(state.tree.root)
    expect(restored.tree.leaves).toEqual(state.tree.leaves)
    expect(restored.notes).toEqual(state.notes)
    expect(restored.nullifiers).toEqual(state.nullifiers)
    expect(restored.syncedBlock).toBe(10n)
    expect(restored.pool).toBe(state.pool)
  })

  it('refuses a malformed cache with TreeMismatchError', () => {
    const json = serializePoolState(sampleState())
    const cases: unknown[] = [
      null,
      { ...json, version: 2 },
      { ...json, pool: 'nope' },
      { ...json, leaves: ['0x1'] },
      { ...json, syncedBlock: 'ten' },
      { ...json, notes: [{ ...json.notes[0], txHash: 'x' }] },
    ]
    for (const bad of cases) expect(() => deserializePoolState(bad)).toThrow(TreeMismatchError)
  })
})
