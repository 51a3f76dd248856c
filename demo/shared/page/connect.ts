import { providerCode } from './describeError.js'
import { request, type ZkpayProvider } from './zkpay.js'

/** The site's connected address, or none; never asks the user. */
export async function connectedAddress(provider: ZkpayProvider): Promise<string | undefined> {
  try {
    return (await request(provider, 'zkpay_accounts'))[0]
  } catch (error) {
    if (providerCode(error) === 4100) return undefined
    throw error
  }
}

/**
 * The connected address, asking with `zkpay_connect` (after `onAsk`) only
 * when the site is not connected yet; then checks the wallet is on the
 * site's chain, since a receipt from another chain would be refused anyway.
 */
export async function ensureConnected(
  provider: ZkpayProvider,
  chainId: number,
  onAsk: () => void = () => {},
): Promise<string> {
  let address = await connectedAddress(provider)
  if (!address) {
    onAsk()
    address = (await request(provider, 'zkpay_connect')).address
  }
  const walletChain = Number(await request(provider, 'zkpay_chainId'))
  if (walletChain !== chainId)
    throw new Error(
      `The wallet is on chain ${walletChain}; this site takes payments on chain ${chainId}.`,
    )
  return address
}
