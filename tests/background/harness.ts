import 'fake-indexeddb/auto'
import type { PublicClient } from 'viem'
import { createChainClients } from '../../background/chainClients.js'
import { createBackground } from '../../background/createBackground.js'
import { WalletDb } from '../../background/db.js'
import type { MessageResponse, PopupRequests, PopupRequestType } from '../../background/messages.js'
import type { Prover } from '../../lib/prover/types.js'
import type { LocalChain } from '../helpers/localChain.js'
import { dbName, fakeAlarms, fakeBroadcast, fakeSession, fakeWindows } from './fakes.js'

export const origin = 'chrome-extension://zkpaytest/'
const popup = { id: 'zkpaytest', url: `${origin}popup.html` }

export type HarnessOptions = {
  name?: string
  session?: ReturnType<typeof fakeSession>
  prover: Prover
  /** Approval windows (share one between a worker and its restarted successor). */
  windows?: ReturnType<typeof fakeWindows>
  /** Wraps the public client (to make a worker "die" mid-payment). */
  wrapPublicClient?: (client: PublicClient) => PublicClient
  /** The RPC URLs the clients use, the first preferred (default: the chain's anvil). */
  rpcUrls?: string[]
}

/** The assembled background over fake browser APIs and a real chain, driven like the popup does. */
export function openBackground(chain: LocalChain, options: HarnessOptions) {
  const name = options.name ?? dbName()
  const session = options.session ?? fakeSession()
  const db = new WalletDb(name)
  const { events, broadcast } = fakeBroadcast()
  const notifications: { title: string; message: string }[] = []
  const windows = options.windows ?? fakeWindows()
  const real = createChainClients(options.rpcUrls ?? [chain.anvil.rpcUrl], chain.chain.id)
  const clients = {
    ...real,
    publicClient: options.wrapPublicClient?.(real.publicClient) ?? real.publicClient,
  }
  const background = createBackground(
    {
      db,
      session,
      alarms: fakeAlarms(),
      broadcast,
      notify: (n) => void notifications.push(n),
      offscreen: {
        createDocument: async () => {
          throw new Error('no offscreen document in Node')
        },
        closeDocument: async () => {},
        hasDocument: async () => false,
      },
      windows,
      extensionId: popup.id,
      extensionOrigin: origin,
      deployments: [chain.deployment],
    },
    { prover: options.prover, scrypt: { N: 2 ** 10 }, clients: async () => clients },
  )

  async function send<T extends PopupRequestType>(
    type: T,
    ...data: PopupRequests[T]['data'] extends undefined ? [] : [PopupRequests[T]['data']]
  ): Promise<PopupRequests[T]['result']> {
    const response = (await background.router.handle(
      { type, data: data[0] },
      popup,
    )) as MessageResponse<T>
    if (!response.ok) throw Object.assign(new Error(response.error.message), response.error)
    return response.data
  }

  /** Resolves once the activity is settled or failed. */
  async function settled(activityId: string, timeoutMs = 60_000) {
    const until = Date.now() + timeoutMs
    while (Date.now() < until) {
      const row = await db.activity.get(activityId)
      if (row && (row.status === 'settled' || row.status === 'failed')) return row
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`activity ${activityId} did not end in ${timeoutMs} ms`)
  }

  return { name, session, db, events, notifications, windows, background, send, settled }
}

/** A prover whose behaviour a test swaps. */
export function switchableProver(initial: Prover) {
  let current = initial
  const prover: Prover & { use(next: Prover): void } = {
    prove: (params) => current.prove(params),
    use: (next) => {
      current = next
    },
  }
  return prover
}
