import { Command } from 'commander'
import type { Hex } from 'viem'
import { formatAmount } from '../../lib/amount.js'
import { contextOf } from '../context.js'
import { printable } from '../output.js'

type Entry = {
  blockNumber: bigint
  event: 'received' | 'spent'
  amount: string
  txHash: Hex
  memo: string
  leafIndex: number
}

/** `zkpay history`: this wallet's notes as they arrived and were spent. */
export function historyCommand(): Command {
  return new Command('history')
    .description('list the notes received and spent, with amounts, memos and transactions')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command)
      await ctx.walletFile()
      const token = await ctx.token()
      const { wallet, sync, save } = await ctx.wallet()
      await sync()
      await save()
      const entries: Entry[] = []
      for (const note of wallet.state.notes) {
        if (note.amount === 0n) continue // padding outputs
        const common = {
          amount: formatAmount(note.amount, token.decimals),
          leafIndex: note.leafIndex,
        }
        entries.push({
          ...common,
          event: 'received',
          blockNumber: note.blockNumber,
          txHash: note.txHash,
          memo: note.memo,
        })
        if (note.spent && note.spentTxHash)
          entries.push({
            ...common,
            event: 'spent',
            blockNumber: note.spentBlockNumber ?? note.blockNumber,
            txHash: note.spentTxHash,
            memo: '',
          })
      }
      entries.sort((a, b) =>
        a.blockNumber === b.blockNumber
          ? Number(a.event === 'received') - Number(b.event === 'received')
          : a.blockNumber < b.blockNumber
            ? -1
            : 1,
      )
      const width = Math.max(6, ...entries.map((e) => e.amount.length))
      const lines = entries.map(
        (e) =>
          `${String(e.blockNumber).padStart(8)}  ${e.event.padEnd(8)}  ${e.amount.padStart(width)} ${token.symbol}  ${e.txHash}${e.memo ? `  "${printable(e.memo)}"` : ''}`,
      )
      ctx.output.result(
        lines.length > 0
          ? [
              `${'block'.padStart(8)}  ${'event'.padEnd(8)}  ${'amount'.padStart(width + token.symbol.length + 1)}  tx`,
              ...lines,
            ]
          : 'no notes yet',
        { symbol: token.symbol, entries },
      )
    })
}
