/**
 * Gas of each operation at pool sizes 16, 2^10, 2^16, 2^20 and 2^24, with real
 * proofs. A pool of 16 leaves is real. Larger ones are emulated with anvil's
 * `setStorageAt`: the pool's leaf counter is set to the size, and a fold is
 * marked in progress (as it is on 15 of every 16 inserts), so the insert does
 * its 5 batch hashes plus one fold step, and writes the frontier slots the
 * size's index bits call for. The tree's work per insert depends only on those
 * bits and on the fold, never on the leaves before, so that is the cost a pool
 * of that size pays. The proofs spend real notes under a batch root the pool
 * still keeps. Relayed operations pay a fee to a relayer that has been paid
 * before, as every relayed payment does.
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
export type GasAtSize = {
  transfer: number
  shield: number
  unshield: number
  merge: number
  shieldWithPermit: number
}

/** `EpochTree`'s packed slot: leafCount (64 bits), batchRootIndex (8), pendingLevel (8), pendingBatch (64). */
const PACKED_SLOT = 91
const PENDING_NODE_SLOT = 90
/** `ShieldedPool.relayerFees`, after `nullifierHashes` (92). */
const RELAYER_FEES_SLOT = 93n

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

    async function emulate(size: number) {
      if (size === 16) return
      const packed = await read(PACKED_SLOT)
      if ((packed & ((1n << 64n) - 1n)) !== 16n) throw new Error('unexpected storage layout')
      const ringIndex = (packed >> 64n) & 0xffn
      const pendingBatch = BigInt(size / 32 - 1)
      const value = BigInt(size) | (ringIndex << 64n) | (6n << 72n) | (pendingBatch << 80n)
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

    let current = snapshot
    const table: Record<string, GasAtSize> = {}
    for (const size of GAS_SIZES) {
      const run = async (
        prepare: (state: PoolState) => Promise<PreparedTransaction>,
        shield?: { amount: bigint; with: 'approval' | 'permit' },
      ) => {
        // A reverted snapshot is used up: take it again for the next run.
        await testClient.revert({ id: current })
        current = await testClient.snapshot()
        await emulate(size)
        if (shield?.with === 'approval') {
          // The usual ERC-20 way: an approval beforehand (once, for many shields).
          const hash = await walletClient.writeContract({
            address: chain.deployment.token,
            abi: erc20Abi,
            functionName: 'approve',
            args: [pool, shield.amount],
          })
          await publicClient.waitForTransactionReceipt({ hash })
        }
        const permitFor = shield?.with === 'permit' ? shield.amount : undefined
        const prepared = await prepare(clone(base))
        const { proof } = await nodeProver.prove({
          circuit: prepared.circuit,
          input: prepared.input,
        })
        const permit = permitFor
          ? await signPermit({
              publicClient,
              walletClient,
              token: chain.deployment.token,
              spender: pool,
              value: permitFor,
            })
          : undefined
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
      const keys = alice.keys
      const transfer = await run((state) =>
        prepareTransfer({
          keys,
          state,
          chainId,
          to: bob.address,
          amount: units('1'),
          fee,
          relayer: feeRelayer,
        }),
      )
      const unshield = await run((state) =>
        prepareUnshield({
          keys,
          state,
          chainId,
          recipient: keys.account.address,
          amount: units('5'),
          fee,
          relayer: feeRelayer,
        }),
      )
      const merge = await run((state) =>
        prepareMerge({ keys, state, chainId, fee, relayer: feeRelayer }),
      )
      const shieldTx = (state: PoolState) =>
        prepareShield({ keys, state, chainId, amount: units('20'), from: keys.account.address })
      const shield = await run(shieldTx, { amount: units('20'), with: 'approval' })
      const shieldWithPermit = await run(shieldTx, { amount: units('20'), with: 'permit' })
      table[String(size)] = { transfer, shield, unshield, merge, shieldWithPermit }
      log(
        `gas at ${size} leaves: transfer ${transfer}, shield ${shield} (with permit ${shieldWithPermit}), unshield ${unshield}, merge ${merge}`,
      )
    }
    return table
  } finally {
    await chain.stop()
  }
}
