import { Command } from 'commander'
import { formatAmount } from '../../lib/amount.js'
import { transactionHistory } from '../../lib/wallet/transactionHistory.js'
import { contextOf } from '../context.js'
import { printable } from '../output.js'

const VERB = {
  pay: 'paid',
  receive: 'received',
  shield: 'shielded',
  unshield: 'unshielded',
  merge: 'merged',
} as const

/**
 * `zkpay history`: one line per transaction, read from the chain (the sender's
 * own records and the notes received), so a restored or watch-only wallet
 * lists the same.
 */
export function historyCommand(): Command {
  return new Command('history')
    .description(
      'list payments made and received, shields, unshields and merges, with fees and memos',
    )
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command)
      await ctx.walletFile()
      const token = await ctx.token()
      const { wallet, sync, save } = await ctx.wallet()
      await sync()
      await save()
      const entries = transactionHistory(wallet.state).map((e) => ({
        event: VERB[e.kind],
        kind: e.kind,
        amount: formatAmount(e.amount, token.decimals),
        fee: formatAmount(e.fee, token.decimals),
        counterparty: e.counterparty ?? '',
        memo: e.memo,
        txHash: e.txHash,
        blockNumber: e.blockNumber,
        ...(e.blockTime !== undefined ? { time: new Date(e.blockTime * 1000).toISOString() } : {}),
      }))
      const width = Math.max(6, ...entries.map((e) => e.amount.length))
      const lines = entries.map((e) => {
        const who = e.counterparty
          ? ` ${e.kind === 'shield' ? 'from' : 'to'} ${e.counterparty.slice(0, 12)}…${e.counterparty.slice(-6)}`
          : ''
        const fee = e.fee !== '0' ? ` (fee ${e.fee})` : ''
        return `${String(e.blockNumber).padStart(8)}  ${e.event.padEnd(10)}  ${e.amount.padStart(width)} ${token.symbol}${who}${fee}  ${e.txHash}${e.memo ? `  "${printable(e.memo)}"` : ''}`
      })
      ctx.output.result(
        lines.length > 0
          ? [`${'block'.padStart(8)}  ${'what'.padEnd(10)}  amount`, ...lines]
          : 'nothing yet',
        { symbol: token.symbol, entries },
      )
    })
}
