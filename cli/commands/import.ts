import { Command, InvalidArgumentError } from 'commander'
import { decodeFullViewingKey } from '../../lib/fullViewingKey.js'
import { validateMnemonic } from '../../lib/keys.js'
import { contextOf } from '../context.js'
import { assertNoWallet, saveNewWallet } from '../newWallet.js'
import { promptHidden } from '../password.js'
import { collectUrls } from '../relayerOption.js'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

type ImportOptions = { relayer?: string[]; viewOnly?: boolean; fromBlock?: bigint }

function parseBlock(value: string): bigint {
  if (!/^\d{1,18}$/.test(value))
    throw new InvalidArgumentError('a block number (a whole number) is expected')
  return BigInt(value)
}

/** `zkpay import`: a wallet from an existing recovery phrase (stdin, or a hidden prompt). */
export function importCommand(): Command {
  return new Command('import')
    .description(
      'restore a wallet from its recovery phrase (or, with --view-only, watch one from its full viewing key), read from stdin or a prompt',
    )
    .option(
      '--relayer <url>',
      'default relayer for pay, unshield and merge; repeat for several',
      collectUrls,
    )
    .option(
      '--view-only',
      'import a full viewing key (zkpayview1…): balance and history, no spending',
    )
    .option(
      '--from-block <n>',
      'the wallet is younger than this block: sync does not look for its notes before it',
      parseBlock,
    )
    .action(async (options: ImportOptions, command: Command) => {
      const ctx = contextOf(command)
      assertNoWallet(ctx)
      const typed = process.stdin.isTTY
        ? await promptHidden(options.viewOnly ? 'Full viewing key: ' : 'Recovery phrase: ')
        : await readStdin()
      if (options.viewOnly) decodeFullViewingKey(typed) // refuses a malformed key first
      const secret = options.viewOnly ? typed.trim().toLowerCase() : validateMnemonic(typed)
      const wallet = await saveNewWallet(ctx, secret, {
        ...options,
        ...(options.fromBlock !== undefined ? { birthdayBlock: options.fromBlock } : {}),
      })
      ctx.output.result(
        [`address  ${wallet.address}`, `account  ${wallet.account}`, `home     ${ctx.store.home}`],
        { ...wallet, home: ctx.store.home },
      )
    })
}
