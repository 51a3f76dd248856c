import { Command, Option } from 'commander'
import { generateMnemonic } from '../../lib/keys.js'
import { type Context, contextOf } from '../context.js'
import { assertNoWallet, saveNewWallet } from '../newWallet.js'
import { collectUrls } from '../relayerOption.js'

/**
 * The chain's head, the new wallet's birthday: no note of it can be older.
 * Unknown (no chain reachable in 5 s) just means sync scans from the deployment.
 */
async function headBlock(ctx: Context): Promise<bigint | undefined> {
  try {
    const { publicClient } = await ctx.network()
    return await Promise.race([
      publicClient.getBlockNumber({ cacheTime: 0 }),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5_000).unref()),
    ])
  } catch {
    return undefined
  }
}

/** `zkpay init`: a new wallet; its recovery phrase is shown once. */
export function initCommand(): Command {
  return new Command('init')
    .description('create a wallet with a new recovery phrase, sealed with a password')
    .addOption(
      new Option('--words <count>', 'words in the phrase').choices(['12', '24']).default('12'),
    )
    .option(
      '--relayer <url>',
      'default relayer for pay, unshield and merge; repeat for several',
      collectUrls,
    )
    .action(async (options: { words: '12' | '24'; relayer?: string[] }, command: Command) => {
      const ctx = contextOf(command)
      assertNoWallet(ctx)
      const mnemonic = generateMnemonic({ strength: options.words === '24' ? 256 : 128 })
      const birthdayBlock = await headBlock(ctx)
      const wallet = await saveNewWallet(ctx, mnemonic, {
        ...options,
        ...(birthdayBlock !== undefined ? { birthdayBlock } : {}),
      })
      ctx.output.result(
        [
          'Your recovery phrase. It is shown only this once: write it down and keep it offline.',
          'Anyone who has it can spend this wallet; without it and the password nobody can restore it.',
          '',
          `  ${mnemonic}`,
          '',
          `address  ${wallet.address}`,
          `account  ${wallet.account}`,
          `home     ${ctx.store.home}`,
        ],
        { mnemonic, ...wallet, home: ctx.store.home },
      )
    })
}
