import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { type Address, type Hex, isAddress } from 'viem'
import { isAddress as isShieldedAddress, type ShieldedAddress } from '../lib/address.js'
import type { Contact } from '../lib/contacts.js'
import {
  InvalidConfigError,
  InvalidKeystoreError,
  WalletExistsError,
  WalletNotFoundError,
} from '../lib/errors.js'
import type { KeystoreBlob } from '../lib/keystore/keystore.js'
import type { PoolStateJson } from '../lib/sync/poolStateJson.js'

/** `keystore.json`: the sealed mnemonic, with the public address and account for commands that need no password. */
export type WalletFile = {
  version: 1
  address: ShieldedAddress
  /** The public account; the zero address for a watch-only wallet, which has none. */
  account: Address
  /** A watch-only wallet: the keystore seals a full viewing key, not a phrase. */
  viewOnly?: true
  /**
   * The block the wallet was created at (decimal): nothing of it is older, so
   * sync does not trial-decrypt before it. Absent: scan from the deployment.
   */
  birthdayBlock?: string
  keystore: KeystoreBlob
  /** The contact book (`zkpay contacts`; lib/contacts.ts), names for shielded addresses. */
  contacts?: Contact[]
}

/** `config.json`: settings `init`, `import` and `config` store; command-line options win over them. */
export type CliConfig = {
  /** The RPC, or several: the first preferred, the others backups. */
  rpcUrl?: string | string[]
  /** Absolute path of the deployment file. */
  deployment?: string
  /** Default relayers for spends (one URL in older homes). */
  relayer?: string | string[]
}

/** A cached sync of one pool, tied to the wallet, the chain and the block it reached. */
export type StateCacheFile = {
  version: 1
  chainId: number
  address: ShieldedAddress
  deployBlock: string
  /** Hash of `state.syncedBlock`: a restarted chain or a reorg makes it differ. */
  syncedBlockHash: Hex
  state: PoolStateJson
}

/** The wallet home: `--home`, else `ZKPAY_HOME`, else `~/.zkpay`. */
export function resolveHome(
  option: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  return resolve(option ?? (env.ZKPAY_HOME || join(homedir(), '.zkpay')))
}

/**
 * Writes `path` all at once: a temporary file in the same folder, then a
 * rename, so a crash leaves the old file or the new one. With `exclusive`
 * the file must not exist yet (a hard link instead of the rename).
 */
export async function writeFileAtomic(
  path: string,
  data: string,
  options: { mode?: number; exclusive?: boolean } = {},
): Promise<void> {
  const mode = options.mode ?? 0o600
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(tmp, data, { mode, flag: 'wx' })
  try {
    await chmod(tmp, mode) // the umask may have narrowed or widened it
    if (options.exclusive) await link(tmp, path)
    else await rename(tmp, path)
  } finally {
    await rm(tmp, { force: true })
  }
}

/** The files of one wallet home. */
export function openStore(home: string) {
  const keystorePath = join(home, 'keystore.json')
  const configPath = join(home, 'config.json')
  const cachePath = (chainId: number, pool: Address) =>
    join(home, 'cache', `${chainId}-${pool.toLowerCase()}.json`)

  return {
    home,
    keystorePath,
    hasWallet: () => existsSync(keystorePath),

    async readWallet(): Promise<WalletFile> {
      let text: string
      try {
        text = await readFile(keystorePath, 'utf8')
      } catch {
        throw new WalletNotFoundError(
          `No wallet in ${home}: create one with \`zkpay init\` or \`zkpay import\`.`,
        )
      }
      let file: Partial<WalletFile>
      try {
        file = JSON.parse(text)
      } catch {
        throw new InvalidKeystoreError(`${keystorePath} is not JSON.`)
      }
      if (
        file?.version !== 1 ||
        !isShieldedAddress(file.address) ||
        typeof file.account !== 'string' ||
        !isAddress(file.account) ||
        typeof file.keystore !== 'object'
      )
        throw new InvalidKeystoreError(`${keystorePath} is not a zkpay keystore.`)
      return file as WalletFile
    },

    async writeWallet(file: WalletFile): Promise<void> {
      try {
        await writeFileAtomic(keystorePath, `${JSON.stringify(file, null, 2)}\n`, {
          exclusive: true,
        })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST')
          throw new WalletExistsError(`${home} already holds a wallet; use another --home.`)
        throw error
      }
    },

    /** Rewrites the wallet file with `edit` applied (the keystore itself unchanged). */
    async updateWallet(edit: (file: WalletFile) => WalletFile): Promise<WalletFile> {
      const next = edit(await this.readWallet())
      await writeFileAtomic(keystorePath, `${JSON.stringify(next, null, 2)}\n`)
      return next
    },

    async readConfig(): Promise<CliConfig> {
      let text: string
      try {
        text = await readFile(configPath, 'utf8')
      } catch {
        return {}
      }
      try {
        const config = JSON.parse(text)
        if (typeof config !== 'object' || config === null || Array.isArray(config))
          throw new Error('not an object')
        return config as CliConfig
      } catch {
        throw new InvalidConfigError(`${configPath} is not a JSON object.`)
      }
    },

    writeConfig(config: CliConfig): Promise<void> {
      return writeFileAtomic(configPath, `${JSON.stringify(config, null, 2)}\n`)
    },

    /** The cached sync, or `undefined` when there is none or it is unreadable. */
    async readStateCache(chainId: number, pool: Address): Promise<StateCacheFile | undefined> {
      try {
        return JSON.parse(await readFile(cachePath(chainId, pool), 'utf8'))
      } catch {
        return undefined
      }
    },

    writeStateCache(file: StateCacheFile): Promise<void> {
      return writeFileAtomic(cachePath(file.chainId, file.state.pool), JSON.stringify(file))
    },
  }
}

export type Store = ReturnType<typeof openStore>
