import { resolve } from 'node:path'
import { encodeAddress } from '../lib/address.js'
import { WalletExistsError } from '../lib/errors.js'
import { deriveKeys } from '../lib/keys.js'
import { encryptSecret } from '../lib/keystore/encryptSecret.js'
import { checkHttpUrl } from './chain.js'
import type { Context } from './context.js'
import { readPassword } from './password.js'

/** Fails early, before anything is asked, when the home already holds a wallet. */
export function assertNoWallet(ctx: Context): void {
  if (ctx.store.hasWallet())
    throw new WalletExistsError(`${ctx.store.home} already holds a wallet; use another --home.`)
}

/**
 * Seals `mnemonic` with a new password into the home's keystore and stores
 * the given `--rpc`, `--deployment` and `--relayer` as the home's defaults.
 * `ZKPAY_SCRYPT_N`, when set, lowers the scrypt cost (tests only).
 */
export async function saveNewWallet(
  ctx: Context,
  mnemonic: string,
  options: { relayer?: string },
): Promise<{ address: string; account: string }> {
  assertNoWallet(ctx)
  const { globals, env, store } = ctx
  if (options.relayer) checkHttpUrl(options.relayer, 'The relayer URL')
  if (globals.rpc) checkHttpUrl(globals.rpc, 'The RPC URL')
  const config = await store.readConfig()
  const password = await readPassword({ passwordFile: globals.passwordFile, isNew: true, env })
  const keys = deriveKeys(mnemonic)
  const address = encodeAddress({
    ownerKey: keys.ownerKey,
    viewingPublicKey: keys.viewingKey.publicKey,
  })
  const keystore = await encryptSecret({
    secret: mnemonic,
    password,
    ...(env.ZKPAY_SCRYPT_N ? { scrypt: { N: Number(env.ZKPAY_SCRYPT_N) } } : {}),
  })
  await store.writeWallet({ version: 1, address, account: keys.account.address, keystore })
  if (globals.rpc) config.rpcUrl = globals.rpc
  if (globals.deployment) config.deployment = resolve(globals.deployment)
  if (options.relayer) config.relayer = options.relayer
  await store.writeConfig(config)
  return { address, account: keys.account.address }
}
