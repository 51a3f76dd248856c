import { Command } from 'commander'
import { validateMnemonic } from '../../lib/keys.js'
import { contextOf } from '../context.js'
import { assertNoWallet, saveNewWallet } from '../newWallet.js'
import { promptHidden } from '../password.js'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** `zkpay import`: a wallet from an existing recovery phrase (stdin, or a hidden prompt). */
export function importCommand(): Command {
  return new Command('import')
    .description('restore a wallet from its recovery phrase, read from stdin or a prompt')
    .option('--relayer <url>', 'default relayer for pay, unshield and merge')
    .action(async (options: { relayer?: string }, command: Command) => {
      const ctx = contextOf(command)
      assertNoWallet(ctx)
      const typed = process.stdin.isTTY
        ? await promptHidden('Recovery phrase: ')
        : await readStdin()
      const mnemonic = validateMnemonic(typed)
      const wallet = await saveNewWallet(ctx, mnemonic, options)
      ctx.output.result(
        [`address  ${wallet.address}`, `account  ${wallet.account}`, `home     ${ctx.store.home}`],
        { ...wallet, home: ctx.store.home },
      )
    })
}
