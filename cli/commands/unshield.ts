import { Command } from 'commander'
import { parseEvmAddress } from '../../lib/address.js'
import { formatAmount } from '../../lib/amount.js'
import { contextOf } from '../context.js'
import { collectUrls, type RelayerOption, relayerHelp } from '../relayerOption.js'
import { formatTokens, parseTokenAmount, runSpend, settledSummary } from '../spend.js'

/** `zkpay unshield <0x…> <amount>`: tokens out of the pool to a public address. */
export function unshieldCommand(): Command {
  return new Command('unshield')
    .description('move shielded tokens out of the pool to a public 0x… address')
    .argument('<recipient>', 'the public address that receives the tokens, 0x…')
    .argument('<amount>', 'in token units, e.g. 12.5')
    .option('--relayer <url>', relayerHelp, collectUrls)
    .option('--no-relayer', 'send from the public account, which pays the gas')
    .action(
      async (
        recipientText: string,
        amountText: string,
        options: { relayer?: RelayerOption },
        command: Command,
      ) => {
        const ctx = contextOf(command)
        const recipient = parseEvmAddress(recipientText)
        await ctx.walletFile()
        const amount = await parseTokenAmount(ctx, amountText)
        const relays = await ctx.relays(options.relayer)
        const { wallet } = await ctx.wallet()
        const settled = await runSpend(ctx, relays, (onProgress, relay) =>
          wallet.unshield(recipient, amount, { ...(relay ? { relay } : {}), onProgress }),
        )
        const summary = await settledSummary(ctx, settled)
        const token = await ctx.token()
        const balance = formatAmount(wallet.balance(), token.decimals)
        ctx.output.result(
          [
            `unshielded ${await formatTokens(ctx, amount)} to ${recipient} ${summary.line}`,
            `shielded balance ${balance} ${token.symbol}`,
          ],
          { amount: formatAmount(amount, token.decimals), recipient, balance, ...summary.json },
        )
      },
    )
}
