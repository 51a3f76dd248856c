import { testTokenAbi } from '../lib/contracts/artifacts.js'
import type { ChainClients } from './chainClients.js'
import type { PoolDeployment } from './config.js'
import type { WalletDb } from './db.js'
import type { Keystore } from './keystore.js'
import type { Settings, TokenBalance, WalletState } from './messages.js'
import type { SyncService } from './sync.js'
import { getTokenInfo } from './tokenInfo.js'

export type GetWalletStateParameters = {
  db: WalletDb
  keystore: Pick<Keystore, 'hasWallet' | 'isUnlocked' | 'isViewOnly' | 'keys' | 'address'>
  settings: { get(): Promise<Settings> }
  sync: Pick<SyncService, 'status'>
  deployments: readonly PoolDeployment[]
  clients: () => Promise<ChainClients>
  /** Public balances come from the RPC; past this they are left out rather than wait. */
  rpcTimeoutMs?: number
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([
    promise.catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms)),
  ])
}

/**
 * What the popup shows: whether a wallet exists and is unlocked, and while
 * unlocked its addresses, balances per pool (shielded and pending from the
 * note store, public from the chain) and the sync status. A slow or absent
 * RPC leaves the public figures at 0 (and `publicEth` out) instead of
 * holding the answer.
 */
export async function getWalletState(params: GetWalletStateParameters): Promise<WalletState> {
  const { db, keystore } = params
  const settings = await params.settings.get()
  const hasWallet = await keystore.hasWallet()
  const address = keystore.address()
  if (!hasWallet || !keystore.isUnlocked() || !address) return { hasWallet, locked: true, settings }

  // A watched wallet has no public account: its public figures stay out.
  const viewOnly = keystore.isViewOnly() === true
  const account = viewOnly ? undefined : keystore.keys().account.address
  const timeout = params.rpcTimeoutMs ?? 3_000
  const clients = await params.clients()
  const { publicClient } = clients
  const balances: TokenBalance[] = await Promise.all(
    params.deployments.map(async (d) => {
      const [rows, token, publicBalance] = await Promise.all([
        db.notes.where('[pool+commitment]').between([d.pool, ''], [d.pool, '\uffff']).toArray(),
        getTokenInfo(db, publicClient, d.token),
        account
          ? withTimeout(
              publicClient.readContract({
                address: d.token,
                abi: testTokenAbi,
                functionName: 'balanceOf',
                args: [account],
              }),
              timeout,
            )
          : undefined,
      ])
      const sum = (status: string) =>
        rows.filter((r) => r.status === status).reduce((s, r) => s + BigInt(r.amount), 0n)
      return {
        pool: d.pool,
        token: d.token,
        symbol: token.symbol,
        decimals: token.decimals,
        shielded: sum('unspent').toString(),
        pending: sum('pending').toString(),
        public: (publicBalance ?? 0n).toString(),
        notes: rows.filter((r) => r.status === 'unspent' && BigInt(r.amount) > 0n).length,
      }
    }),
  )
  const eth = account
    ? await withTimeout(publicClient.getBalance({ address: account }), timeout)
    : undefined
  return {
    hasWallet,
    locked: false,
    viewOnly,
    address,
    ...(account ? { publicAddress: account } : {}),
    ...(eth !== undefined ? { publicEth: eth.toString() } : {}),
    balances,
    sync: params.sync.status(),
    settings,
  }
}
