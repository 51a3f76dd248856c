import { Command, InvalidArgumentError } from 'commander'
import { formatAmount } from '../../lib/amount.js'
import { MAX_INPUTS } from '../../lib/circuits.js'
import { contextOf } from '../context.js'
import { collectUrls, type RelayerOption, relayerHelp } from '../relayerOption.js'
import { runSpend, settledSummary } from '../spend.js'

function inputCount(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < 2 || n > MAX_INPUTS)
    throw new InvalidArgumentError(`a whole number from 2 to ${MAX_INPUTS}`)
  return n
}

/** `zkpay merge`: joins the smallest notes into one, so later payments need fewer inputs. */
export function mergeCommand(): Command {
  return new Command('merge')
    .description('merge the smallest shielded notes (up to 8) into one')
    .option('--max-inputs <count>', `notes to merge, 2 to ${MAX_INPUTS}`, inputCount)
    .option('--relayer <url>', relayerHelp, collectUrls)
    .option('--no-relayer', 'send from the public account, which pays the gas')
    .action(async (options: { relayer?: RelayerOption; maxInputs?: number }, command: Command) => {
      const ctx = contextOf(command)
      await ctx.walletFile()
      const token = await ctx.token()
      const relays = await ctx.relays(options.relayer)
      const { wallet } = await ctx.wallet()
      const settled = await runSpend(ctx, relays, (onProgress, relay) =>
        wallet.merge({
          ...(relay ? { relay } : {}),
          ...(options.maxInputs ? { maxInputs: options.maxInputs } : {}),
          onProgress,
        }),
      )
      const summary = await settledSummary(ctx, settled)
      const merged = settled.prepared.spent.length
      const balance = formatAmount(wallet.balance(), token.decimals)
      ctx.output.result(
        [`merged ${merged} notes ${summary.line}`, `shielded balance ${balance} ${token.symbol}`],
        { merged, balance, ...summary.json },
      )
    })
}
