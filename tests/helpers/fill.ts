import { type Hex, maxUint256 } from 'viem'
import { shieldedPoolAbi, testTokenAbi } from '../../lib/contracts/artifacts.js'
import { PoolTree } from '../../lib/epochTree.js'
import type { Keys } from '../../lib/keys.js'
import { toPoolProof } from '../../lib/pool/transactArgs.js'
import {
  buildTransaction,
  type PreparedTransaction,
} from '../../lib/transaction/buildTransaction.js'
import type { LocalChain } from './localChain.js'
import { nodeProver } from './prover.js'

/** How many notes of what amount each shield makes (all owned by the shielding keys). */
export type ShieldOptions = { amount?: bigint; notesPerShield?: 1 | 2 }

/**
 * Proves `count` shields from `keys`' public account, each with its own real
 * proof and `notesPerShield` notes of `amount`, against the pool's current
 * roots, and returns a function that lands them (the account needs gas and
 * `count * notesPerShield * amount` tokens by then). A shield spends nothing, so only its roots must still be
 * known when it lands: a batch root is for the next 63 inserts, and the
 * archive roots never expire. Proofs run two at a time and may be started
 * early, while other transactions land; the shields are then sent back to back.
 */
export async function proveShields(
  chain: LocalChain,
  keys: Keys,
  count: number,
  { amount = 1n, notesPerShield = 1 }: ShieldOptions = {},
): Promise<() => Promise<void>> {
  if (count > 63) throw new Error('A batch root is known for 63 more inserts: prove fewer at once.')
  const { publicClient, deployment } = chain
  // Only the roots matter to a shield: a tree with the pool's current leaves gives them.
  const tree = await currentTree(chain)
  const self = { ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey }
  const prepared: PreparedTransaction[] = []
  for (let i = 0; i < count; i++) {
    prepared.push(
      await buildTransaction({
        keys,
        poolId: { chainId: deployment.chainId, pool: deployment.pool },
        inputs: [],
        outputs: Array.from({ length: notesPerShield }, () => ({ amount, ...self })),
        history: {
          kind: 'shield',
          from: keys.account.address,
          amount: amount * BigInt(notesPerShield),
          memo: '',
        },
        tree,
        extAmount: amount * BigInt(notesPerShield),
      }),
    )
  }
  const proofs = new Array<Awaited<ReturnType<typeof nodeProver.prove>>>(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      proofs[i] = await nodeProver.prove({
        circuit: prepared[i]!.circuit,
        input: prepared[i]!.input,
      })
    }
  }
  const proven = Promise.all([worker(), worker()])
  // Not awaited yet: keep a failure from being reported as unhandled meanwhile.
  proven.catch(() => undefined)

  return async function land() {
    await proven
    const walletClient = chain.walletClientFor(keys.account)
    const approval = await walletClient.writeContract({
      address: deployment.token,
      abi: testTokenAbi,
      functionName: 'approve',
      args: [deployment.pool, maxUint256],
    })
    await publicClient.waitForTransactionReceipt({ hash: approval })
    let nonce = await publicClient.getTransactionCount({
      address: keys.account.address,
      blockTag: 'pending',
    })
    const hashes: Hex[] = []
    for (let i = 0; i < count; i++) {
      hashes.push(
        await walletClient.writeContract({
          address: deployment.pool,
          abi: shieldedPoolAbi,
          functionName: 'transact',
          args: [toPoolProof(prepared[i]!, proofs[i]!.proof), prepared[i]!.extData],
          gas: 1_500_000n,
          nonce: nonce++,
        }),
      )
    }
    for (const hash of hashes) {
      const receipt = await publicClient.waitForTransactionReceipt({ hash })
      if (receipt.status !== 'success') throw new Error(`Shield ${hash} reverted.`)
    }
  }
}

/** {@link proveShields}, landed at once. */
export async function landShields(
  chain: LocalChain,
  keys: Keys,
  count: number,
  options: ShieldOptions = {},
): Promise<void> {
  await (await proveShields(chain, keys, count, options))()
}

/** The pool's tree as it stands, from its `Transaction` events. */
export async function currentTree(chain: LocalChain): Promise<PoolTree> {
  const { publicClient, deployment } = chain
  const logs = await publicClient.getContractEvents({
    address: deployment.pool,
    abi: shieldedPoolAbi,
    eventName: 'Transaction',
    fromBlock: deployment.blockNumber,
    strict: true,
  })
  const tree = new PoolTree({ epochLevels: deployment.epochLevels })
  tree.insertPairs(logs.map((log) => log.args.commitments))
  return tree
}
