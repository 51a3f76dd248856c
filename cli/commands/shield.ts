import { Command } from 'commander'
import { erc20Abi } from 'viem'
import { formatAmount } from '../../lib/amount.js'
import { InsufficientBalanceError } from '../../lib/errors.js'
import { MAX_MEMO_BYTES } from '../../lib/noteFormat.js'
import { contextOf } from '../context.js'
import { checkMemo, formatTokens, parseTokenAmount, runSpend, settledSummary } from '../spend.js'

/** `zkpay shield <amount>`: public tokens into a shielded note (the public account pays the gas). */
export function shieldCommand(): Command {
  return new Command('shield')
    .description('move tokens from the public account into the pool (pays gas in ETH)')
    .argument('<amount>', 'in token units, e.g. 12.5')
    .option('--memo <text>', `a note to self, at most ${MAX_MEMO_BYTES} bytes`)
    .action(async (amountText: string, options: { memo?: string }, command: Command) => {
      const ctx = contextOf(command)
      if (options.memo !== undefined) checkMemo(options.memo)
      const file = await ctx.walletFile()
      const amount = await parseTokenAmount(ctx, amountText)
      const [{ publicClient }, token] = await Promise.all([ctx.network(), ctx.token()])
      const [held, eth] = await Promise.all([
        publicClient.readContract({
          address: token.address,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [file.account],
        }),
        publicClient.getBalance({ address: file.account }),
      ])
      if (held < amount)
        throw new InsufficientBalanceError(
          `The public account ${file.account} holds only ${await formatTokens(ctx, held)}.`,
        )
      if (eth === 0n)
        throw new InsufficientBalanceError(
          `The public account ${file.account} has no ETH to pay the gas of a shield.`,
        )
      const { wallet } = await ctx.wallet()
      const settled = await runSpend(ctx, [], (onProgress) =>
        wallet.shield(amount, { ...(options.memo ? { memo: options.memo } : {}), onProgress }),
      )
      const summary = await settledSummary(ctx, settled)
      const balance = formatAmount(wallet.balance(), token.decimals)
      ctx.output.result(
        [
          `shielded ${await formatTokens(ctx, amount)} ${summary.line}`,
          `shielded balance ${balance} ${token.symbol}`,
        ],
        { amount: formatAmount(amount, token.decimals), balance, ...summary.json },
      )
    })
}
