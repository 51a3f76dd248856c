import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem'
import { hexToSignature } from 'viem'
import { testTokenAbi } from '../contracts/artifacts.js'

export type SignPermitParameters = {
  publicClient: PublicClient
  walletClient: WalletClient<Transport, Chain | undefined, Account>
  token: Address
  spender: Address
  value: bigint
  /** Seconds from now; defaults to one hour. */
  ttlSeconds?: number
}

/** An EIP-2612 permit from the wallet client's account, in the pool's `Permit` layout. */
export async function signPermit(params: SignPermitParameters) {
  const { publicClient, walletClient, token, spender, value } = params
  const owner = walletClient.account.address
  const [name, nonce, chainId] = await Promise.all([
    publicClient.readContract({ address: token, abi: testTokenAbi, functionName: 'name' }),
    publicClient.readContract({
      address: token,
      abi: testTokenAbi,
      functionName: 'nonces',
      args: [owner],
    }),
    publicClient.getChainId(),
  ])
  const deadline = BigInt(Math.floor(Date.now() / 1000) + (params.ttlSeconds ?? 3600))
  const signature = await walletClient.signTypedData({
    account: walletClient.account,
    domain: { name, version: '1', chainId, verifyingContract: token },
    types: {
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Permit',
    message: { owner, spender, value, nonce, deadline },
  })
  const { r, s, v, yParity } = hexToSignature(signature)
  return { deadline, v: Number(v ?? BigInt(yParity + 27)), r, s }
}
