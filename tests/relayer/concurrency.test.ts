import { parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAddress } from '../../lib/address.js'
import { getRelayerStatus } from '../../lib/relayer/getRelayerStatus.js'
import { circuitFee } from '../../lib/relayer/relayFee.js'
import { relayTransaction } from '../../lib/relayer/relayTransaction.js'
import type { RelayTransactionParameters } from '../../lib/relayer/types.js'
import { unspentNotes } from '../../lib/sync/poolState.js'
import { buildTransaction } from '../../lib/transaction/buildTransaction.js'
import type { PoolWallet } from '../../lib/wallet/createPoolWallet.js'
import { landShields } from '../helpers/fill.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { newWallet } from '../helpers/wallets.js'
import { earned, type RelayerFixture, spendable, startRelayer } from './fixture.js'

const units = (amount: string) => parseUnits(amount, 18)
// Each relay spends its own note, so RELAYS / 2 shields come first: 1.5 proofs a relay.
const RELAYS = 12

describe('relayer under concurrent load', () => {
  let chain: LocalChain
  let relayer: RelayerFixture
  let payer: PoolWallet
  let bob: PoolWallet

  beforeAll(async () => {
    chain = await startLocalChain()
    relayer = await startRelayer(chain)
    ;[payer, bob] = await Promise.all([newWallet(chain, units('100')), newWallet(chain)])
  })
  afterAll(async () => {
    await relayer?.stop()
    await chain?.stop()
  })

  /** The pool and chain every proof here is bound to. */
  const poolId = () => ({ chainId: chain.deployment.chainId, pool: chain.deployment.pool })

  /** `RELAYS` one-unit notes, two per shield, sent from the payer's public account. */
  async function shieldNotes() {
    await landShields(chain, payer.keys, RELAYS / 2, { amount: units('1'), notesPerShield: 2 })
    await payer.sync()
  }

  // Setup in steps, each in its own hook: the notes, then one proof per relay
  // (two at a time: one's witness is computed while the other proves).
  describe(`with ${RELAYS} notes`, () => {
    beforeAll(async () => {
      await shieldNotes()
      expect(unspentNotes(payer.state)).toHaveLength(RELAYS)
    })

    describe(`and ${RELAYS} relays proved`, () => {
      let fee: bigint
      const relays: RelayTransactionParameters[] = []
      beforeAll(async () => {
        const notes = unspentNotes(payer.state)
        const status = await getRelayerStatus(relayer.url)
        fee = circuitFee(status, 'tx1')
        const to = decodeAddress(bob.address)
        const { keys } = payer
        const prepared = await Promise.all(
          notes.map((note) =>
            buildTransaction({
              keys,
              poolId: poolId(),
              inputs: [spendable(note)],
              outputs: [
                {
                  amount: units('0.5'),
                  ownerKey: to.ownerKey,
                  viewingPublicKey: to.viewingPublicKey,
                },
                {
                  amount: units('0.5') - fee,
                  ownerKey: keys.ownerKey,
                  viewingPublicKey: keys.viewingKey.publicKey,
                },
              ],
              history: { kind: 'pay', to: bob.address, amount: units('0.5'), memo: '' },
              tree: payer.state.tree,
              fee,
              relayer: status.relayer,
            }),
          ),
        )
        let next = 0
        const worker = async () => {
          while (next < prepared.length) {
            const i = next++
            const { proof, publicSignals } = await nodeProver.prove({
              circuit: prepared[i]!.circuit,
              input: prepared[i]!.input,
            })
            relays[i] = {
              pool: chain.deployment.pool,
              proof,
              publicSignals,
              extData: prepared[i]!.extData,
            }
          }
        }
        await Promise.all([worker(), worker()])
        expect(relays.filter(Boolean)).toHaveLength(RELAYS)
      })

      it(`lands ${RELAYS} relays sent at once, each exactly once, with consecutive nonces`, async () => {
        const nonce = await relayer.nonce()
        const tokens = await earned(chain, relayer.address)
        const settled = await Promise.allSettled(
          relays.map((r) => relayTransaction(relayer.url, r)),
        )
        const failures = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []))
        expect(failures).toEqual([])
        const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))

        expect(new Set(results.map((r) => r.txHash)).size).toBe(RELAYS)
        expect(await relayer.nonce()).toBe(nonce + RELAYS)
        const txs = await Promise.all(
          results.map((r) => chain.publicClient.getTransaction({ hash: r.txHash })),
        )
        expect(txs.map((t) => t.nonce).sort((a, b) => a - b)).toEqual(
          Array.from({ length: RELAYS }, (_, i) => nonce + i),
        )
        expect(await earned(chain, relayer.address)).toBe(tokens + fee * BigInt(RELAYS))

        await bob.sync()
        expect(bob.balance()).toBe(units('0.5') * BigInt(RELAYS))
        expect(unspentNotes(bob.state)).toHaveLength(RELAYS)
        const relayed = relayer.logs.filter((l) => l.includes('"outcome":"relayed"'))
        expect(relayed).toHaveLength(RELAYS)
      })
    })
  })
})
