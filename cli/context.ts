import { resolve } from 'node:path'
import type { Command } from 'commander'
import {
  type Account,
  type Chain,
  createWalletClient,
  http,
  type Transport,
  type WalletClient,
} from 'viem'
import { encodeAddress } from '../lib/address.js'
import { DEV_KEYS_WARNING } from '../lib/deploymentFile.js'
import { InvalidConfigError, InvalidKeystoreError, TreeMismatchError } from '../lib/errors.js'
import { decodeFullViewingKey } from '../lib/fullViewingKey.js'
import { deriveKeys, type Keys, type ViewKeys } from '../lib/keys.js'
import { decryptSecret } from '../lib/keystore/decryptSecret.js'
import type { Prover } from '../lib/prover/types.js'
import { createRelaySubmitter, type RelaySubmitter } from '../lib/relayer/createRelaySubmitter.js'
import { rankRelayers } from '../lib/relayer/rankRelayers.js'
import { createPoolState } from '../lib/sync/poolState.js'
import type { SyncPoolReturnType } from '../lib/sync/syncPool.js'
import { createPoolWallet, type PoolWallet } from '../lib/wallet/createPoolWallet.js'
import { checkHttpUrl, connect, defaultDeploymentPath, loadDeployment, readToken } from './chain.js'
import { createOutput } from './output.js'
import { readPassword } from './password.js'
import { createProgressBar } from './progress.js'
import type { RelayerOption } from './relayerOption.js'
import { loadCachedState, saveCachedState } from './stateCache.js'
import { openStore, resolveHome } from './store.js'

/** The options every command takes. */
export type GlobalOptions = {
  home?: string
  /** RPC URLs, the first preferred (`--rpc`, repeatable). */
  rpc?: string[]
  deployment?: string
  passwordFile?: string
  json?: boolean
  quiet?: boolean
}

const once = <T>(load: () => Promise<T>) => {
  let value: Promise<T> | undefined
  return () => {
    value ??= load()
    return value
  }
}

/**
 * What a command runs with, each part loaded on first use: the home's files,
 * the deployment and a checked chain client, the token, the unlocked keys,
 * the wallet with its cached sync, and a relayer.
 */
export function createContext(globals: GlobalOptions, env = process.env) {
  const output = createOutput({ json: globals.json ?? false, quiet: globals.quiet ?? false })
  const store = openStore(resolveHome(globals.home, env))

  const walletFile = once(() => store.readWallet())
  const config = once(() => store.readConfig())

  const network = once(async () => {
    const saved = await config()
    const path = globals.deployment
      ? resolve(globals.deployment)
      : (saved.deployment ?? defaultDeploymentPath)
    const deployment = await loadDeployment(path)
    // A security warning, so not silenced by --quiet (stderr: --json stays clean).
    if (deployment.insecureDevKeys) process.stderr.write(`zkpay: WARNING: ${DEV_KEYS_WARNING}\n`)
    // --rpc, else the home's config, else the deployment's RPC and its backups: each a whole list.
    const rpcUrls = globals.rpc?.length
      ? globals.rpc
      : saved.rpcUrl !== undefined
        ? [saved.rpcUrl].flat()
        : [deployment.rpcUrl, ...deployment.backupRpcUrls].filter(
            (url): url is string => typeof url === 'string',
          )
    const rpcUrl = rpcUrls[0]
    if (!rpcUrl) throw new InvalidConfigError(`No RPC URL: pass --rpc <url> (${path} names none).`)
    return { deployment, rpcUrl, rpcUrls, ...(await connect(deployment, rpcUrls)) }
  })

  const token = once(async () => {
    const { publicClient, deployment } = await network()
    return readToken(publicClient, deployment.token)
  })

  const unlock = once(async (): Promise<Keys | ViewKeys> => {
    const file = await walletFile()
    const password = await readPassword({ passwordFile: globals.passwordFile, env })
    if (output.interactive) output.progress('unlocking…')
    const mnemonic = await decryptSecret({ blob: file.keystore, password }).finally(() => {
      if (output.interactive) output.progress('\r\x1b[K')
    })
    const keys = file.viewOnly ? decodeFullViewingKey(mnemonic) : deriveKeys(mnemonic)
    const address = encodeAddress({
      ownerKey: keys.ownerKey,
      viewingPublicKey: keys.viewingKey.publicKey,
    })
    if (
      address !== file.address ||
      (!file.viewOnly && (keys as Keys).account.address !== file.account)
    )
      throw new InvalidKeystoreError(
        `${store.keystorePath} names another wallet than its mnemonic.`,
      )
    return keys
  })

  // snarkjs and the circuit files load only for a spend.
  const prover = once(async () => {
    const [{ createSnarkjsProver }, { loadCircuitArtifacts }] = await Promise.all([
      import('../lib/prover/createSnarkjsProver.js'),
      import('../lib/node/loadCircuitArtifacts.js'),
    ])
    return createSnarkjsProver({ loadArtifacts: loadCircuitArtifacts })
  })
  const lazyProver: Prover = { prove: async (params) => (await prover()).prove(params) }

  // `sync --rescan`: the cached pool state is ignored (and overwritten on save).
  let ignoreCache = false
  const forgetCachedState = async () => {
    ignoreCache = true
  }

  const wallet = once(async () => {
    const [file, keys, net] = await Promise.all([walletFile(), unlock(), network()])
    const where = {
      store,
      publicClient: net.publicClient,
      deployment: net.deployment,
      address: file.address,
    }
    const cached = ignoreCache ? undefined : await loadCachedState(where)
    const walletClient =
      'spendingKey' in keys
        ? (createWalletClient({
            chain: net.chain,
            transport: net.transport,
            account: (keys as Keys).account,
            pollingInterval: 250,
          }) as WalletClient<Transport, Chain, Account>)
        : undefined
    const poolWallet = await createPoolWallet<Keys | ViewKeys>({
      keys,
      publicClient: net.publicClient,
      ...(walletClient ? { walletClient } : {}),
      deployment: net.deployment,
      prover: lazyProver,
      ...(cached ? { state: cached } : {}),
      ...(file.birthdayBlock && /^\d+$/.test(file.birthdayBlock)
        ? { birthdayBlock: BigInt(file.birthdayBlock) }
        : {}),
    })
    let fromCache = cached !== undefined

    /** Syncs with a progress bar; a cache the chain disagrees with is dropped and the pool rescanned. */
    async function sync(): Promise<SyncPoolReturnType> {
      const bar = createProgressBar(output, 'syncing')
      const onProgress = (p: { fromBlock: bigint; toBlock: bigint; doneBlock: bigint }) =>
        bar.update(p.fromBlock, p.toBlock, p.doneBlock)
      try {
        return await poolWallet.sync({ onProgress })
      } catch (error) {
        if (!(error instanceof TreeMismatchError) || !fromCache) throw error
        bar.done()
        output.info('the cached pool state does not match the chain; rescanning')
        fromCache = false
        Object.assign(
          poolWallet.state,
          createPoolState(
            net.deployment.pool,
            net.deployment.blockNumber,
            net.deployment.epochLevels,
          ),
        )
        return await poolWallet.sync({ onProgress })
      } finally {
        bar.done()
      }
    }

    return {
      // Spends of a watch-only wallet throw a ViewOnlyError before anything else.
      wallet: poolWallet as PoolWallet,
      keys,
      sync,
      /** Caches the wallet's sync for the next run. */
      save: () => saveCachedState({ ...where, state: poolWallet.state }),
    }
  })

  /**
   * The relayers to spend through, cheapest healthy first: `option`
   * (`--relayer`, repeatable), else the configured ones; none for
   * `--no-relayer` (the public account sends). Each must answer `/status`
   * in time with a valid signed quote for this chain and pool; those that
   * do not are left out (all of them: a NoRelayerError naming why), before
   * anything is proven.
   */
  async function relays(option: RelayerOption): Promise<RelaySubmitter[]> {
    if (option === false) return []
    const saved = (await config()).relayer
    const urls = option ?? (saved === undefined ? [] : Array.isArray(saved) ? saved : [saved])
    if (urls.length === 0) return []
    for (const url of urls) checkHttpUrl(url, 'The relayer URL')
    const { deployment } = await network()
    const ranked = await rankRelayers(
      urls.map((url) => createRelaySubmitter(url)),
      { chainId: deployment.chainId, pool: deployment.pool },
    )
    return ranked.map((r) => r.submitter)
  }

  return {
    globals,
    env,
    output,
    store,
    walletFile,
    config,
    network,
    token,
    unlock,
    wallet,
    relays,
    forgetCachedState,
  }
}

export type Context = ReturnType<typeof createContext>

/** The context of a command, from its own and the program's options. */
export function contextOf(command: Command): Context {
  return createContext(command.optsWithGlobals<GlobalOptions>())
}
