import { hexToBytes, type PublicClient } from 'viem'
import { shieldedPoolAbi } from '../contracts/artifacts.js'
import { TreeMismatchError } from '../errors.js'
import { tryDecryptHistory } from '../historyRecord.js'
import { commitment as commitmentOf, nullifier as nullifierOf, outputRho } from '../note.js'
import type { NoteScanner } from '../noteScanner.js'
import { fetchPoolEvents, type TransactionEvent } from './fetchPoolEvents.js'
import type { OwnedNote, PoolState, SentRecord } from './poolState.js'

export type SyncPoolParameters = {
  publicClient: PublicClient
  state: PoolState
  /** A full viewing key's worth: spending is not needed to sync. */
  keys: { nullifierKey: bigint; ownerKey: bigint; outgoingKey: Uint8Array }
  scanner: NoteScanner
  toBlock?: bigint
  /**
   * The wallet's birthday: no note or history record of it is older, so
   * outputs before this block go into the tree without trial decryption.
   */
  birthdayBlock?: bigint
  onProgress?: (progress: SyncProgress) => void
  /**
   * Where the pool's `Transaction` events come from (default: the RPC, via
   * `fetchPoolEvents`). An indexer can be plugged in here; whatever it
   * returns is checked like RPC data (leaf order, then the roots against the
   * chain), so a wrong source costs a failed sync, never a wrong state.
   */
  readEvents?: PoolEventReader
}

export type SyncProgress = { fromBlock: bigint; toBlock: bigint; doneBlock: bigint }

/** Reads the pool's transactions of a block range, in leaf order. */
export type PoolEventReader = (range: {
  fromBlock: bigint
  toBlock: bigint
  onProgress?: (progress: SyncProgress) => void
}) => Promise<TransactionEvent[]>

export type SyncPoolReturnType = {
  received: OwnedNote[]
  spent: OwnedNote[]
  sent: SentRecord[]
  toBlock: bigint
}

/**
 * Brings `state` up to `toBlock` (default: latest): appends every new pair of
 * commitments to the tree, keeps the outputs this wallet can decrypt and whose
 * commitment it can recompute, reads back its own history records, marks
 * notes whose nullifier appeared as spent, then checks the local tree against
 * the pool's (latest batch root, latest archive root). State changes only if
 * everything checks out.
 */
export async function syncPool(params: SyncPoolParameters): Promise<SyncPoolReturnType> {
  const { publicClient, state, keys, scanner } = params
  const toBlock = params.toBlock ?? (await publicClient.getBlockNumber({ cacheTime: 0 }))
  const fromBlock = state.syncedBlock + 1n
  if (toBlock < fromBlock) return { received: [], spent: [], sent: [], toBlock: state.syncedBlock }

  const readEvents: PoolEventReader =
    params.readEvents ?? ((range) => fetchPoolEvents({ publicClient, pool: state.pool, ...range }))
  const events = await readEvents({
    fromBlock,
    toBlock,
    ...(params.onProgress ? { onProgress: params.onProgress } : {}),
  })

  const expected = state.tree.size
  events.forEach((e, i) => {
    if (e.index !== expected + 2 * i)
      throw new TreeMismatchError('The pool events skip or repeat a leaf.', {
        details: `expected index ${expected + 2 * i}, got ${e.index}`,
      })
  })

  // Our outputs first: the tree keeps the batches of our notes (for their paths) as it inserts.
  const received: OwnedNote[] = []
  const sent: SentRecord[] = []
  const birthday = params.birthdayBlock ?? 0n
  for (const e of events) {
    const firstNullifier = e.nullifiers[0]
    if (firstNullifier === undefined || e.blockNumber < birthday) continue
    const outputs = [e.extData.encryptedOutput1, e.extData.encryptedOutput2]
    const plains = await scanner.tryDecryptAll(outputs.map((o) => hexToBytes(o)))
    plains.forEach((plain, j) => {
      if (!plain) return
      const rho = outputRho(firstNullifier, j as 0 | 1)
      const c = commitmentOf({
        amount: plain.amount,
        ownerKey: keys.ownerKey,
        blinding: plain.blinding,
        rho,
      })
      if (c !== e.commitments[j]) return // encrypted to us but not a note we own: ignore it
      received.push({
        commitment: c,
        leafIndex: e.index + j,
        amount: plain.amount,
        blinding: plain.blinding,
        rho,
        memo: plain.memo ?? '',
        nullifier: nullifierOf({ commitment: c, nullifierKey: keys.nullifierKey }),
        spent: false,
        txHash: e.txHash,
        blockNumber: e.blockNumber,
      })
    })
    const record = await tryDecryptHistory({
      data: hexToBytes(e.extData.encryptedHistory),
      outgoingKey: keys.outgoingKey,
      firstNullifier,
    })
    if (record)
      sent.push({
        txHash: e.txHash,
        blockNumber: e.blockNumber,
        record,
        fee: e.extData.fee,
        relayer: e.extData.relayer,
      })
  }

  const tree = state.tree.clone()
  for (const note of received) tree.keep(note.leafIndex)
  tree.insertPairs(events.map((e) => e.commitments))

  const [chainBatchRoot, archiveKnown] = await Promise.all([
    publicClient.readContract({
      address: state.pool,
      abi: shieldedPoolAbi,
      functionName: 'latestBatchRoot',
      blockNumber: toBlock,
    }),
    publicClient.readContract({
      address: state.pool,
      abi: shieldedPoolAbi,
      functionName: 'isKnownArchiveRoot',
      args: [tree.latestArchiveRoot],
      blockNumber: toBlock,
    }),
  ])
  if (chainBatchRoot !== tree.latestBatchRoot || !archiveKnown)
    throw new TreeMismatchError('The local tree does not match the pool.', {
      details: `local batch root ${tree.latestBatchRoot}, pool ${chainBatchRoot} at block ${toBlock}; archive root known: ${archiveKnown}`,
    })

  // Spends of our notes. A note cannot be spent before it exists, so only the
  // nullifiers of these blocks matter and only ours are kept.
  const spentIn = new Map<bigint, (typeof events)[number]>()
  for (const e of events) for (const n of e.nullifiers) spentIn.set(n, e)
  const nullifiers = new Set(state.nullifiers)
  const notes = [...state.notes.map((n) => ({ ...n })), ...received]
  const spent: OwnedNote[] = []
  for (const note of notes) {
    const event = spentIn.get(note.nullifier)
    if (!note.spent && event) {
      note.spent = true
      note.spentTxHash = event.txHash
      note.spentBlockNumber = event.blockNumber
      spent.push(note)
    }
    if (note.spent) nullifiers.add(note.nullifier)
  }

  // Block times of what this wallet will show.
  const blocks = new Set<bigint>([...received, ...sent].map((x) => x.blockNumber))
  const times = new Map<bigint, number>()
  await Promise.all(
    [...blocks].map(async (blockNumber) => {
      const block = await publicClient.getBlock({ blockNumber })
      times.set(blockNumber, Number(block.timestamp))
    }),
  )
  for (const x of [...received, ...sent]) x.blockTime = times.get(x.blockNumber)!

  state.tree = tree
  state.notes = notes
  state.sent = [...state.sent, ...sent]
  state.nullifiers = nullifiers
  state.syncedBlock = toBlock
  return { received, spent, sent, toBlock }
}
