/**
 * The account that deploys: from `DEPLOYER_PRIVATE_KEY`, or from an encrypted
 * keystore file (`--keystore FILE`, password from `DEPLOYER_KEYSTORE_PASSWORD`
 * or asked on the terminal), never from a command-line argument (shell
 * history, process lists). On the local chain (31337) anvil's first dev
 * account is the default.
 */
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline/promises'
import type { Account, Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { devAccount } from '../../lib/node/devAccounts.js'
import { decryptKeystoreV3 } from './keystoreV3.js'

export class DeployConfigError extends Error {
  override name = 'DeployConfigError'
}

export type DeployerSource = {
  chainId: number
  keystore?: string
  env: NodeJS.ProcessEnv
}

async function askPassword(file: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new DeployConfigError(
      `Set DEPLOYER_KEYSTORE_PASSWORD to open ${file} (no terminal to ask on).`,
    )
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return await rl.question(`Password for ${file}: `)
  } finally {
    rl.close()
  }
}

/** Resolves the deployer account; a malformed key or a wrong password throws. */
export async function deployerAccount(source: DeployerSource): Promise<Account> {
  const { env, keystore, chainId } = source
  if (keystore && env.DEPLOYER_PRIVATE_KEY) {
    throw new DeployConfigError('Give the deployer key once: DEPLOYER_PRIVATE_KEY or --keystore.')
  }
  if (keystore) {
    let json: string
    try {
      json = readFileSync(keystore, 'utf8')
    } catch {
      throw new DeployConfigError(`Cannot read the keystore file ${keystore}.`)
    }
    const password = env.DEPLOYER_KEYSTORE_PASSWORD ?? (await askPassword(keystore))
    return privateKeyToAccount(await decryptKeystoreV3(json, password))
  }
  const key = env.DEPLOYER_PRIVATE_KEY || undefined
  if (key !== undefined) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) {
      throw new DeployConfigError('DEPLOYER_PRIVATE_KEY must be a 32-byte hex key (0x…).')
    }
    return privateKeyToAccount(key as Hex)
  }
  if (chainId === 31337) return devAccount(0)
  throw new DeployConfigError(
    'No deployer key: set DEPLOYER_PRIVATE_KEY or pass --keystore FILE (only the local chain 31337 defaults to the anvil account).',
  )
}
