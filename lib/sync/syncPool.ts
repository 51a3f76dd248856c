import { hexToBytes, type PublicClient } from 'viem'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { TreeMismatchError } from '../errors.js'
import { commitment as commitmentOf, nullifier as nullifierOf } from '../note.js'
import type { NoteScanner } from '../noteScanner.js'
import { fetchPoolEvents } from './fetchPoolEvents.js'
import type { OwnedNote, PoolState } from './poolState.js'

export type SyncPoolParameters = {
  publicClient: PublicClient
  state: PoolState
  keys: { spendingKey: bigint; ownerKey: bigint }
  scanner: NoteScanner
  toBlock?: bigint
  onProgress?: (progress: { fromBlock: bigint; toBlock: bigint; doneBlock: bigint }) => void
}

export type SyncPoolReturnType = { received: OwnedNote[]; spent: OwnedNote[]; toBlock: bigint }

/**
 * Brings `state` up to `toBlock` (default: latest): appends every new
 * commitment to the tree, keeps the ones this wallet can decrypt and whose
 * commitment it can recompute, marks notes whose nullifier appeared as spent,
 * then checks the local root against the contract's. State changes only if
 * everything checks out.
 */
export async function syncPool(params: SyncPoolParameters): Promise<SyncPoolReturnType> {
  const { publicClient, state, keys, scanner } = params
  const toBlock = params.toBlock ?? (await publicClient.getBlockNumber({ cacheTime: 0 }))
  const fromBlock = state.syncedBlock + 1n
  if (toBlock < fromBlock) return { received: [], spent: [], toBlock: state.syncedBlock }

  const events = await fetchPoolEvents({
    publicClient,
    pool: state.pool,
    fromBlock,
    toBlock,
    ...(params.onProgress ? { onProgress: params.onProgress } : {}),
  })

  const tree = state.tree.clone()
  const expected = tree.leaves.length
  events.commitments.forEach((e, i) => {
    if (e.index !== expected + i)
      throw new TreeMismatchError('The pool events skip or repeat a leaf.', {
        details: `expected index ${expected + i}, got ${e.index}`,
      })
  })
  if (events.commitments.length % 2 !== 0)
    throw new TreeMismatchError('The pool events hold half a pair.')
  const pairs: [bigint, bigint][] = []
  for (let i = 0; i < events.commitments.length; i += 2)
    pairs.push([events.commitments[i]!.commitment, events.commitments[i + 1]!.commitment])
  tree.insertPairs(pairs)

  const chainRoot = await publicClient.readContract({
    address: state.pool,
    abi: shieldedPoolAbi,
    functionName: 'getLastRoot',
    blockNumber: toBlock,
  })
  if (chainRoot !== tree.root)
    throw new TreeMismatchError('The local tree does not match the pool.', {
      details: `local root ${tree.root}, pool root ${chainRoot} at block ${toBlock}`,
    })

  const received: OwnedNote[] = []
  for (const e of events.commitments) {
    const plain = await scanner.tryDecrypt(hexToBytes(e.encryptedOutput))
    if (!plain) continue
    const c = commitmentOf({
      amount: plain.amount,
      ownerKey: keys.ownerKey,
      blinding: plain.blinding,
    })
    if (c !== e.commitment) continue // encrypted to us but not a note we own: ignore it
    received.push({
      commitment: c,
      leafIndex: e.index,
      amount: plain.amount,
      blinding: plain.blinding,
      memo: plain.memo ?? '',
      nullifier: nullifierOf({ commitment: c, leafIndex: e.index, spendingKey: keys.spendingKey }),
      spent: false,
      txHash: e.txHash,
      blockNumber: e.blockNumber,
    })
  }

  const nullifiers = new Set(state.nullifiers)
  const spentIn = new Map(events.nullifiers.map((n) => [n.nullifier, n]))
  for (const n of events.nullifiers) nullifiers.add(n.nullifier)
  const notes = [...state.notes, ...received]
  const spent: OwnedNote[] = []
  for (const note of notes) {
    if (!note.spent && nullifiers.has(note.nullifier)) {
      note.spent = true
      const event = spentIn.get(note.nullifier)
      if (event) {
        note.spentTxHash = event.txHash
        note.spentBlockNumber = event.blockNumber
      }
      spent.push(note)
    }
  }

  state.tree = tree
  state.notes = notes
  state.nullifiers = nullifiers
  state.syncedBlock = toBlock
  return { received, spent, toBlock }
}
