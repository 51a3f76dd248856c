import { parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { TREE_LEVELS, zeros } from '../../lib/epochTree.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import type { PoolWallet } from '../../lib/wallet/createPoolWallet.js'
import { proveShields } from '../helpers/fill.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { newWallet } from '../helpers/wallets.js'

const units = (amount: string) => parseUnits(amount, 18)
// An epoch of 2^5 leaves: one batch, 16 transactions. A finished batch's archive
// root lands 14 inserts after the batch does (it is folded one level per insert),
// so notes of epoch 0 are archive-anchored from the 30th transaction on.
const EPOCH_LEVELS = 5
const ARCHIVED_AFTER = 30

describe('a pool past its first epoch', () => {
  let chain: LocalChain
  let alice: PoolWallet
  let bob: PoolWallet

  beforeAll(async () => {
    chain = await startLocalChain({ epochLevels: EPOCH_LEVELS })
    ;[alice, bob] = await Promise.all([newWallet(chain, units('100')), newWallet(chain)])
  })
  afterAll(async () => {
    await chain?.stop()
  })

  const read = <name extends 'leafCount' | 'latestBatchRoot'>(functionName: name) =>
    chain.publicClient.readContract({
      address: chain.deployment.pool,
      abi: shieldedPoolAbi,
      functionName,
    })
  const isArchiveRoot = (root: bigint) =>
    chain.publicClient.readContract({
      address: chain.deployment.pool,
      abi: shieldedPoolAbi,
      functionName: 'isKnownArchiveRoot',
      args: [root],
    })

  // The filling is setup, in two hooks of about 15 proofs each: other users'
  // shields fill the pool past the epoch boundary until epoch 0 is folded, one
  // transaction short (Alice's last shield is the 30th).
  const filler = deriveKeys(generateMnemonic())
  const fillers = ARCHIVED_AFTER - 3
  const firstFillers = 16 - 3 // with Alice's two: epoch 0 less one insert
  const real = () => alice.state.notes.filter((n) => n.amount > 0n)

  describe("with Alice's first notes in epoch 0", () => {
    beforeAll(async () => {
      expect(chain.deployment.epochLevels).toBe(EPOCH_LEVELS)
      expect(
        await chain.publicClient.readContract({
          address: chain.deployment.pool,
          abi: shieldedPoolAbi,
          functionName: 'epochLevels',
        }),
      ).toBe(BigInt(EPOCH_LEVELS))
      // Proven meanwhile, against the empty pool's roots.
      const landFillers = await proveShields(chain, filler, firstFillers)

      // Epoch 0: Alice's first notes.
      await alice.shield(units('10'))
      await alice.shield(units('20'))
      expect(real().map((n) => n.leafIndex < 2 ** EPOCH_LEVELS)).toEqual([true, true])

      await chain.fund(filler.account.address, BigInt(fillers))
      await landFillers()
      expect(await read('leafCount')).toBe(BigInt(2 * (firstFillers + 2)))
    })

    describe('and the pool filled until epoch 0 is folded, one insert short', () => {
      beforeAll(async () => {
        await (await proveShields(chain, filler, fillers - firstFillers))()
        expect(await read('leafCount')).toBe(BigInt(2 * (ARCHIVED_AFTER - 1)))
      })

      it('spends notes of epoch 0 (archive-anchored) with notes of the newest batch, past the boundary', async () => {
        const { deployment } = chain
        // The newest batch (epoch 1): one more note of Alice's, the 30th transaction.
        await alice.shield(units('7'))
        expect(await read('leafCount')).toBe(BigInt(2 * ARCHIVED_AFTER))
        // Syncing replaces the tree: always read the wallet's current one.
        const tree = () => alice.state.tree
        expect(tree().latestBatchRoot).toBe(await read('latestBatchRoot'))
        expect(tree().foldedBatches).toBe(1)
        expect(tree().archiveRoot(0)).not.toBe(zeros(TREE_LEVELS))
        expect(await isArchiveRoot(tree().archiveRoot(0))).toBe(true)
        const folds = await chain.publicClient.getContractEvents({
          address: deployment.pool,
          abi: shieldedPoolAbi,
          eventName: 'ArchiveRoot',
          fromBlock: deployment.blockNumber,
          strict: true,
        })
        expect(folds.map((e) => e.args)).toEqual([
          { root: tree().archiveRoot(0), epoch: 0n, batchCount: 1n },
        ])
        const anchors = () =>
          Object.fromEntries(
            real()
              .filter((n) => !n.spent)
              .map((n) => [n.amount.toString(), tree().anchorOf(n.leafIndex)]),
          )
        expect(anchors()).toEqual({
          [units('10').toString()]: { kind: 'archive', epoch: 0 },
          [units('20').toString()]: { kind: 'archive', epoch: 0 },
          [units('7').toString()]: { kind: 'batch', batch: 1 },
        })
        expect(real().at(-1)!.leafIndex).toBeGreaterThanOrEqual(2 ** EPOCH_LEVELS)

        // 25 = 20 (epoch 0) + 7 (the newest batch): one transfer proven against an
        // archive root and a batch root at once.
        const payment = await alice.pay(bob.address, units('25'), { memo: 'across epochs' })
        expect(payment.prepared.circuit).toBe('tx2')
        expect(payment.prepared.spent.map((n) => n.amount)).toEqual(
          expect.arrayContaining([units('20'), units('7')]),
        )
        expect(payment.prepared.spent).toHaveLength(2)
        const { publicInputs } = payment.prepared
        expect(publicInputs.archiveRootA).toBe(tree().archiveRoot(0))
        expect(publicInputs.batchRoot).not.toBe(zeros(5))
        expect(alice.balance()).toBe(units('12'))
        await bob.sync()
        expect(bob.balance()).toBe(units('25'))
        expect(bob.state.notes.find((n) => n.amount > 0n)).toMatchObject({
          memo: 'across epochs',
          txHash: payment.txHash,
        })

        // 12 = 10 (epoch 0) + 2 (change, in the newest batch): an unshield of both kinds.
        expect(anchors()).toEqual({
          [units('10').toString()]: { kind: 'archive', epoch: 0 },
          [units('2').toString()]: { kind: 'batch', batch: 1 },
        })
        const alicePublic = alice.keys.account.address
        const publicBefore = await chain.tokenBalance(alicePublic)
        const unshield = await alice.unshield(alicePublic, units('12'))
        expect(unshield.prepared.circuit).toBe('tx2')
        expect(unshield.prepared.publicInputs.archiveRootA).toBe(tree().archiveRoot(0))
        expect(alice.balance()).toBe(0n)
        expect(await chain.tokenBalance(alicePublic)).toBe(publicBefore + units('12'))

        expect(await read('leafCount')).toBe(BigInt(2 * (ARCHIVED_AFTER + 2)))
        expect(await read('leafCount')).toBeGreaterThan(2n ** BigInt(EPOCH_LEVELS))
        // Left in the pool: Bob's 25 units and the fillers' 27 base units.
        expect(await chain.tokenBalance(deployment.pool)).toBe(units('25') + BigInt(fillers))
        await bob.sync()
        expect(bob.balance()).toBe(units('25'))
        expect(await chain.tokenBalance(alicePublic)).toBe(units('100') - units('37') + units('12'))
      })
    })
  })
})
