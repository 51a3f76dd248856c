import { resolve } from 'node:path'
import { zeroAddress } from 'viem'
import { encodeAddress } from '../lib/address.js'
import { WalletExistsError } from '../lib/errors.js'
import { decodeFullViewingKey } from '../lib/fullViewingKey.js'
import { deriveKeys, type Keys } from '../lib/keys.js'
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
  options: { relayer?: string[]; viewOnly?: boolean; birthdayBlock?: bigint },
): Promise<{ address: string; account: string }> {
  assertNoWallet(ctx)
  const { globals, env, store } = ctx
  for (const url of options.relayer ?? []) checkHttpUrl(url, 'The relayer URL')
  for (const url of globals.rpc ?? []) checkHttpUrl(url, 'The RPC URL')
  const config = await store.readConfig()
  const password = await readPassword({ passwordFile: globals.passwordFile, isNew: true, env })
  // A watch-only wallet seals its full viewing key where a phrase would be.
  const keys = options.viewOnly ? decodeFullViewingKey(mnemonic) : deriveKeys(mnemonic)
  const account = options.viewOnly ? zeroAddress : (keys as Keys).account.address
  const address = encodeAddress({
    ownerKey: keys.ownerKey,
    viewingPublicKey: keys.viewingKey.publicKey,
  })
  const keystore = await encryptSecret({
    secret: mnemonic,
    password,
    ...(env.ZKPAY_SCRYPT_N ? { scrypt: { N: Number(env.ZKPAY_SCRYPT_N) } } : {}),
  })
  await store.writeWallet({
    version: 1,
    address,
    account,
    ...(options.viewOnly ? { viewOnly: true as const } : {}),
    ...(options.birthdayBlock !== undefined
      ? { birthdayBlock: options.birthdayBlock.toString() }
      : {}),
    keystore,
  })
  if (globals.rpc?.length) config.rpcUrl = globals.rpc.length === 1 ? globals.rpc[0] : globals.rpc
  if (globals.deployment) config.deployment = resolve(globals.deployment)
  if (options.relayer?.length) config.relayer = options.relayer
  await store.writeConfig(config)
  return { address, account }
}
