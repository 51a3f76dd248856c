import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import { createPoolWallet } from '../../lib/wallet/createPoolWallet.js'
import type { LocalChain } from './localChain.js'
import { nodeProver } from './prover.js'

/** A new wallet (a fresh mnemonic unless given) whose public account has gas and `tokens`. */
export async function newWallet(chain: LocalChain, tokens = 0n, mnemonic = generateMnemonic()) {
  const keys = deriveKeys(mnemonic)
  await chain.fund(keys.account.address, tokens)
  return createPoolWallet({
    keys,
    publicClient: chain.publicClient,
    walletClient: chain.walletClientFor(keys.account),
    deployment: chain.deployment,
    prover: nodeProver,
  })
}
