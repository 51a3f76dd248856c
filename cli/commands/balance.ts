import { Command } from 'commander'
import { erc20Abi, formatEther } from 'viem'
import { formatAmount } from '../../lib/amount.js'
import { unspentNotes } from '../../lib/sync/poolState.js'
import { contextOf } from '../context.js'

/** `zkpay balance`: the shielded balance after a sync, and the public account's. */
export function balanceCommand(): Command {
  return new Command('balance')
    .description("sync, then print the shielded balance and the public account's balances")
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command)
      const file = await ctx.walletFile()
      const [{ publicClient }, token] = await Promise.all([ctx.network(), ctx.token()])
      const { wallet, sync, save } = await ctx.wallet()
      await sync()
      await save()
      const [publicTokens, eth] = await Promise.all([
        publicClient.readContract({
          address: token.address,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [file.account],
        }),
        publicClient.getBalance({ address: file.account }),
      ])
      const shielded = wallet.balance()
      const notes = unspentNotes(wallet.state).length
      const fmt = (units: bigint) => `${formatAmount(units, token.decimals)} ${token.symbol}`
      ctx.output.result(
        [
          `shielded  ${fmt(shielded)} in ${notes} note${notes === 1 ? '' : 's'}`,
          `public    ${fmt(publicTokens)} and ${formatEther(eth)} ETH on ${file.account}`,
          `synced to block ${wallet.state.syncedBlock}`,
        ],
        {
          symbol: token.symbol,
          decimals: token.decimals,
          shielded: formatAmount(shielded, token.decimals),
          public: formatAmount(publicTokens, token.decimals),
          eth: formatEther(eth),
          units: { shielded, public: publicTokens, eth },
          notes,
          account: file.account,
          address: file.address,
          syncedBlock: wallet.state.syncedBlock,
        },
      )
    })
}
