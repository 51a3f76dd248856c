import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { decodeAddress } from '../lib/address.js'
import { createOrderStore } from './checkout/orderStore.js'
import { checkoutRoutes } from './checkout/routes.js'
import { connectChain, type DemoDeployment } from './shared/server/connectChain.js'
import { createSiteServer, type SiteLogger } from './shared/server/createSiteServer.js'
import { tipJarRoutes } from './tipjar/routes.js'
import { createTipStore } from './tipjar/tipStore.js'

export type StartDemoSitesOptions = {
  rpcUrl: string
  deployment: DemoDeployment
  /** The shielded `zkpay1…` address the checkout is paid to. */
  merchantAddress: string
  /** The shielded `zkpay1…` address the tip jar is paid to. */
  creatorAddress: string
  /** Default `127.0.0.1`. */
  host?: string
  /** Default 8550; 0 for any free port. */
  checkoutPort?: number
  /** Default 8551; 0 for any free port. */
  tipJarPort?: number
  /** Blocks a payment needs, its own included, before the sites accept it. Default 1. */
  minConfirmations?: number
  /** Where the JSON logs go (default stdout); `false` for none. */
  logger?: SiteLogger
}

export type DemoSites = {
  checkoutUrl: string
  tipJarUrl: string
  /** Closes both servers. */
  stop(): Promise<void>
}

/**
 * Starts the two demo sites, each on its own port and so its own origin (the
 * wallet keeps connections and allowances per origin): a shop whose checkout
 * is paid with `zkpay_pay`, and a creator's tip jar paid with `zkpay_tip`.
 * Both verify every receipt on chain before they count it. The addresses
 * are checked before anything starts; a bad one throws an
 * `InvalidAddressError`.
 *
 * @example
 * const sites = await startDemoSites({ rpcUrl, deployment, merchantAddress, creatorAddress })
 * console.log(sites.checkoutUrl, sites.tipJarUrl)
 */
export async function startDemoSites(options: StartDemoSitesOptions): Promise<DemoSites> {
  const { host = '127.0.0.1', checkoutPort = 8550, tipJarPort = 8551, logger } = options
  decodeAddress(options.merchantAddress)
  decodeAddress(options.creatorAddress)
  const chain = await connectChain({
    rpcUrl: options.rpcUrl,
    deployment: options.deployment,
    ...(options.minConfirmations !== undefined
      ? { minConfirmations: options.minConfirmations }
      : {}),
  })

  const [checkout, tipJar] = await Promise.all([
    createSiteServer({ site: 'checkout', dir: join(import.meta.dirname, 'checkout'), logger }),
    createSiteServer({ site: 'tipjar', dir: join(import.meta.dirname, 'tipjar'), logger }),
  ])
  checkoutRoutes(checkout, {
    chain,
    merchantAddress: options.merchantAddress.trim(),
    store: createOrderStore(),
  })
  tipJarRoutes(tipJar, {
    chain,
    creatorAddress: options.creatorAddress.trim(),
    store: createTipStore(),
  })

  const stop = async () => {
    await Promise.all([checkout.close(), tipJar.close()])
  }
  try {
    const checkoutUrl = await listen(checkout, host, checkoutPort)
    const tipJarUrl = await listen(tipJar, host, tipJarPort)
    return { checkoutUrl, tipJarUrl, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Listens and returns the site's URL, with the port the system chose for 0. */
async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port })
  const address = app.server.address()
  const actual = typeof address === 'object' && address ? address.port : port
  return `http://${host.includes(':') ? `[${host}]` : host}:${actual}`
}
