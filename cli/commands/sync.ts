import { Command } from 'commander'
import { formatAmount } from '../../lib/amount.js'
import { contextOf } from '../context.js'

/** `zkpay sync`: brings the cached pool state up to the latest block. */
export function syncCommand(): Command {
  return new Command('sync')
    .description('scan the pool for new notes and spends up to the latest block')
    .option('--rescan', 'forget the cached pool state and scan again from the deployment')
    .action(async (options: { rescan?: boolean }, command: Command) => {
      const ctx = contextOf(command)
      await ctx.walletFile()
      const token = await ctx.token()
      if (options.rescan) await ctx.forgetCachedState()
      const { wallet, sync, save } = await ctx.wallet()
      const from = wallet.state.syncedBlock + 1n
      const { received, spent, toBlock } = await sync()
      await save()
      const balance = formatAmount(wallet.balance(), token.decimals)
      const range = toBlock >= from ? `blocks ${from}–${toBlock}` : `no new blocks after ${toBlock}`
      const got = received.filter((n) => n.amount > 0n).length
      ctx.output.result(
        `synced ${range}: ${got} note${got === 1 ? '' : 's'} received, ${spent.length} spent; shielded balance ${balance} ${token.symbol}`,
        {
          fromBlock: toBlock >= from ? from : null,
          toBlock,
          received: got,
          spent: spent.length,
          balance,
          symbol: token.symbol,
        },
      )
    })
}
