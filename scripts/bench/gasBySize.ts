/**
 * Gas of each operation at pool sizes 16, 2^10, 2^16, 2^20 and 2^24, with real
 * proofs. A pool of 16 leaves is real. Larger ones are emulated with anvil's
 * `setStorageAt`: the pool's leaf counter is set to the size (plus the pair's
 * position in its batch), and a fold is marked in progress, so the insert does
 * its 5 batch hashes plus one fold step. Each operation runs at the positions
 * in a batch whose frontier work differs most (`PAIR_POSITIONS`: pair 0 writes
 * one frontier node; pair 7 reads three and writes one; pair 15 reads four and
 * starts a fold) and, for the first two, in the three fold phases an insert can
 * meet (`FOLD_PHASES`): a plain step, a step that also records a frontier node
 * (once per fold), and the last, which puts the new archive root in the ring.
 * The table keeps the most expensive case: what the worst insert at that size
 * pays. The tree's work per insert depends only on those index bits and on the
 * fold, never on the leaves before. The proofs spend real notes under a batch
 * root the pool still keeps. Relayed operations pay a fee to a relayer that has
 * been paid before, as every relayed payment does.
 */
import {
  createTestClient,
  encodeAbiParameters,
  erc20Abi,
  http,
  keccak256,
  numberToHex,
  parseUnits,
} from 'viem'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { submitTransaction } from '../../lib/pool/submitTransaction.js'
import { toPoolProof } from '../../lib/pool/transactArgs.js'
import type { PoolState } from '../../lib/sync/poolState.js'
import type { PreparedTransaction } from '../../lib/transaction/buildTransaction.js'
import {
  prepareMerge,
  prepareShield,
  prepareTransfer,
  prepareUnshield,
} from '../../lib/transaction/prepare.js'
import { signPermit } from '../../lib/wallet/signPermit.js'
import { startLocalChain } from '../../tests/helpers/localChain.js'
import { nodeProver } from '../../tests/helpers/prover.js'
import { newWallet } from '../../tests/helpers/wallets.js'

export const GAS_SIZES = [16, 2 ** 10, 2 ** 16, 2 ** 20, 2 ** 24] as const

/** Gas of each operation; `shield` after an ERC-20 approval, `shieldWithPermit` with an EIP-2612 signature in the same transaction. */
export type GasOfOperations = {
  transfer: number
  shield: number
  unshield: number
  merge: number
  shieldWithPermit: number
}

/** The worst over the cases, and each case's figures (keyed `pair <n>, <phase>`). */
export type GasAtSize = GasOfOperations & { byCase?: Record<string, GasOfOperations> }

/**
 * The fold step an insert does: a plain one (`step`, most inserts), one that
 * also records a complete left node in the epoch's frontier (`frontier`, one
 * per fold), or the last, which adds the epoch's new root to the ring (`root`).
 */
export const FOLD_PHASES = ['step', 'frontier', 'root'] as const
export type FoldPhase = (typeof FOLD_PHASES)[number]

/**
 * Pairs of a batch (0..15) with the most different frontier work: 0 (all left
 * children, one node recorded), 7 (three right children read, one left node
 * recorded), 15 (four read, and the batch's fold starts at level 5).
 */
export const PAIR_POSITIONS = [0, 7, 15] as const
type Case = { pair: number; phase: FoldPhase }

/** `EpochTree`'s packed slot: leafCount (64 bits), batchRootIndex (8), pendingLevel (8), pendingBatch (64), archiveRootIndex (8). */
const PACKED_SLOT = 91
const PENDING_NODE_SLOT = 90
/** `ShieldedPool.relayerFees`, after `nullifierHashes` (156) and the tree's 156 slots. */
const RELAYER_FEES_SLOT = 157n

function clone(state: PoolState): PoolState {
  return {
    ...state,
    tree: state.tree.clone(),
    notes: state.notes.map((n) => ({ ...n })),
    sent: [...state.sent],
    nullifiers: new Set(state.nullifiers),
  }
}

export async function benchGasBySize(log: (line: string) => void) {
  const chain = await startLocalChain()
  try {
    const units = (x: string) => parseUnits(x, 18)
    const alice = await newWallet(chain, units('10000'))
    const bob = await newWallet(chain)
    const relayerAccount = (await newWallet(chain)).keys.account.address
    // 8 notes in 8 shields: a real pool of 16 leaves.
    for (let i = 0; i < 8; i++) await alice.shield(units('100'))
    await alice.sync()
    const base = clone(alice.state)
    const testClient = createTestClient({ mode: 'anvil', transport: http(chain.anvil.rpcUrl) })
    // A relayer that has been paid before: the pool holds a non-zero fee balance for it
    // (withdrawFees leaves 1 base unit), so a fee is a non-zero to non-zero write.
    await testClient.setStorageAt({
      address: chain.deployment.pool,
      index: keccak256(
        encodeAbiParameters(
          [{ type: 'address' }, { type: 'uint256' }],
          [relayerAccount, RELAYER_FEES_SLOT],
        ),
      ),
      value: numberToHex(1n, { size: 32 }),
    })
    const owed = await chain.publicClient.readContract({
      address: chain.deployment.pool,
      abi: shieldedPoolAbi,
      functionName: 'relayerFees',
      args: [relayerAccount],
    })
    if (owed !== 1n) throw new Error('unexpected storage layout (relayerFees)')
    const snapshot = await testClient.snapshot()
    const feeRelayer = relayerAccount
    const fee = units('0.01')
    const chainId = chain.deployment.chainId
    const { pool } = chain.deployment
    const publicClient = chain.publicClient
    const walletClient = chain.walletClientFor(alice.keys.account)

    const read = async (slot: number) =>
      BigInt(
        (await publicClient.getStorageAt({
          address: pool,
          slot: numberToHex(slot, { size: 32 }),
        })) ?? '0x0',
      )

    // pendingLevel and pendingBatch for each phase. The batch's index bits decide where
    // a frontier write falls: at level 6 when bit 0 is 1 and bit 1 is 0.
    const phaseOf = (size: number, phase: FoldPhase) =>
      phase === 'step'
        ? { level: 6n, batch: BigInt(size / 32 - 1) }
        : phase === 'frontier'
          ? { level: 6n, batch: BigInt(size / 32 - 3) }
          : { level: 19n, batch: BigInt(size / 32 - 2) }

    async function emulate(size: number, { pair, phase }: Case) {
      if (size === 16) return
      const packed = await read(PACKED_SLOT)
      if ((packed & ((1n << 64n) - 1n)) !== 16n) throw new Error('unexpected storage layout')
      const ringIndex = (packed >> 64n) & 0xffn
      const archiveIndex = (packed >> 144n) & 0xffn
      const { level, batch } = phaseOf(size, phase)
      const value =
        BigInt(size + 2 * pair) |
        (ringIndex << 64n) |
        (level << 72n) |
        (batch << 80n) |
        (archiveIndex << 144n)
      await testClient.setStorageAt({
        address: pool,
        index: numberToHex(PACKED_SLOT, { size: 32 }),
        value: numberToHex(value, { size: 32 }),
      })
      await testClient.setStorageAt({
        address: pool,
        index: numberToHex(PENDING_NODE_SLOT, { size: 32 }),
        value: numberToHex(12345n, { size: 32 }),
      })
    }

    const keys = alice.keys
    const shieldTx = (state: PoolState) =>
      prepareShield({ keys, state, chainId, amount: units('20'), from: keys.account.address })
    const operations: Record<keyof GasOfOperations, () => Promise<PreparedTransaction>> = {
      transfer: () =>
        prepareTransfer({
          keys,
          state: clone(base),
          chainId,
          to: bob.address,
          amount: units('1'),
          fee,
          relayer: feeRelayer,
        }),
      shield: () => shieldTx(clone(base)),
      unshield: () =>
        prepareUnshield({
          keys,
          state: clone(base),
          chainId,
          recipient: keys.account.address,
          amount: units('5'),
          fee,
          relayer: feeRelayer,
        }),
      merge: () => prepareMerge({ keys, state: clone(base), chainId, fee, relayer: feeRelayer }),
      shieldWithPermit: () => shieldTx(clone(base)),
    }
    // One proof per operation, reused at every size and phase: each run starts from the
    // same snapshot, so the same notes are unspent and the same batch root is known.
    const proved = {} as Record<
      keyof GasOfOperations,
      {
        prepared: PreparedTransaction
        proof: Awaited<ReturnType<typeof nodeProver.prove>>['proof']
      }
    >
    for (const name of Object.keys(operations) as (keyof GasOfOperations)[]) {
      const prepared = await operations[name]()
      const { proof } = await nodeProver.prove({ circuit: prepared.circuit, input: prepared.input })
      proved[name] = { prepared, proof }
    }

    let current = snapshot
    const submit = async (size: number, at: Case, name: keyof GasOfOperations) => {
      // A reverted snapshot is used up: take it again for the next run.
      await testClient.revert({ id: current })
      current = await testClient.snapshot()
      await emulate(size, at)
      const amount = units('20')
      if (name === 'shield') {
        // The usual ERC-20 way: an approval beforehand (once, for many shields).
        const hash = await walletClient.writeContract({
          address: chain.deployment.token,
          abi: erc20Abi,
          functionName: 'approve',
          args: [pool, amount],
        })
        await publicClient.waitForTransactionReceipt({ hash })
      }
      const permit =
        name === 'shieldWithPermit'
          ? await signPermit({
              publicClient,
              walletClient,
              token: chain.deployment.token,
              spender: pool,
              value: amount,
            })
          : undefined
      const { prepared, proof } = proved[name]
      const result = await submitTransaction({
        publicClient,
        walletClient,
        pool,
        proof: toPoolProof(prepared, proof),
        extData: prepared.extData,
        ...(permit ? { permit } : {}),
      })
      return Number(result.gasUsed)
    }

    const table: Record<string, GasAtSize> = {}
    const names = Object.keys(operations) as (keyof GasOfOperations)[]
    for (const size of GAS_SIZES) {
      // A real 16-leaf pool has no fold in progress yet: its one case. Pair 15 starts
      // a fold whatever the phase was, so it runs once.
      const cases: Case[] =
        size === 16
          ? [{ pair: 0, phase: 'step' }]
          : PAIR_POSITIONS.flatMap((pair) =>
              (pair === 15 ? (['step'] as const) : FOLD_PHASES).map((phase) => ({ pair, phase })),
            )
      const byCase: Record<string, GasOfOperations> = {}
      for (const at of cases) {
        const gas = {} as GasOfOperations
        for (const name of names) gas[name] = await submit(size, at, name)
        byCase[at.pair === 15 ? 'pair 15, fold start' : `pair ${at.pair}, ${at.phase}`] = gas
      }
      const worst = {} as GasOfOperations
      for (const name of names)
        worst[name] = Math.max(...Object.values(byCase).map((gas) => gas[name]))
      table[String(size)] = size === 16 ? worst : { ...worst, byCase }
      log(
        `gas at ${size} leaves (worst case): transfer ${worst.transfer}, shield ${worst.shield} (with permit ${worst.shieldWithPermit}), unshield ${worst.unshield}, merge ${worst.merge}`,
      )
    }
    return table
  } finally {
    await chain.stop()
  }
}
