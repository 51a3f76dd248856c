import { Command } from 'commander'
import { decodeAddress } from '../../lib/address.js'
import { formatAmount } from '../../lib/amount.js'
import { MAX_MEMO_BYTES } from '../../lib/noteFormat.js'
import { serializeReceipt } from '../../lib/receipt/receipt.js'
import { contextOf } from '../context.js'
import { toJson } from '../output.js'
import { collectUrls, type RelayerOption, relayerHelp } from '../relayerOption.js'
import {
  checkMemo,
  formatTokens,
  outputFile,
  parseTokenAmount,
  runSpend,
  settledSummary,
} from '../spend.js'
import { writeFileAtomic } from '../store.js'

type PayOptions = { memo?: string; relayer?: RelayerOption; receiptOut?: string }

/** `zkpay pay <address> <amount>`: a private payment; prints the receipt the payee verifies. */
export function payCommand(): Command {
  return new Command('pay')
    .description('pay a shielded address privately; prints the receipt for the payee')
    .argument('<address>', 'the payee, zkpay1…')
    .argument('<amount>', 'in token units, e.g. 12.5')
    .option('--memo <text>', `a message for the payee, at most ${MAX_MEMO_BYTES} bytes`)
    .option('--relayer <url>', relayerHelp, collectUrls)
    .option('--no-relayer', 'send from the public account, which pays the gas and is seen')
    .option('--receipt-out <file>', 'also write the receipt to this file')
    .action(async (to: string, amountText: string, options: PayOptions, command: Command) => {
      const ctx = contextOf(command)
      decodeAddress(to)
      if (options.memo !== undefined) checkMemo(options.memo)
      const receiptPath = options.receiptOut && outputFile(options.receiptOut, 'the receipt')
      await ctx.walletFile()
      const amount = await parseTokenAmount(ctx, amountText)
      const relays = await ctx.relays(options.relayer)
      const { wallet } = await ctx.wallet()
      const settled = await runSpend(ctx, relays, (onProgress, relay) =>
        wallet.pay(to, amount, {
          ...(options.memo ? { memo: options.memo } : {}),
          ...(relay ? { relay } : {}),
          onProgress,
        }),
      )
      const summary = await settledSummary(ctx, settled)
      const paid = `paid ${await formatTokens(ctx, amount)} to ${to.trim().slice(0, 16)}… ${summary.line}`
      const receipt = settled.receipt && serializeReceipt(settled.receipt)
      if (receipt && receiptPath) await writeFileAtomic(receiptPath, `${receipt}\n`)
      const json = {
        amount: formatAmount(amount, (await ctx.token()).decimals),
        to: to.trim(),
        ...summary.json,
        receipt: receipt ? JSON.parse(receipt) : null,
      }
      if (!receipt) {
        // Paying oneself leaves no output for anyone else, so no receipt.
        ctx.output.result(paid, json)
        return
      }
      ctx.output.info(paid)
      ctx.output.result(toJson(JSON.parse(receipt)), json)
    })
}
