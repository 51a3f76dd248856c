import { readFile } from 'node:fs/promises'
import { Command, InvalidArgumentError } from 'commander'
import { formatAmount } from '../../lib/amount.js'
import { InvalidReceiptError } from '../../lib/errors.js'
import { parseReceipt } from '../../lib/receipt/parseReceipt.js'
import { verifyReceipt } from '../../lib/receipt/verifyReceipt.js'
import { contextOf } from '../context.js'
import { printable } from '../output.js'

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a whole number')
  return Number(value)
}

async function readReceiptText(path: string): Promise<string> {
  try {
    if (path !== '-') return await readFile(path, 'utf8')
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  } catch {
    throw new InvalidReceiptError(`Cannot read the receipt file ${path}.`)
  }
}

/**
 * `zkpay verify-receipt <file>`: the merchant's check that a payment to this
 * wallet's address is on chain. Needs no password; exits non-zero when invalid.
 */
export function verifyReceiptCommand(): Command {
  return new Command('verify-receipt')
    .description("check a payer's receipt against this wallet's address and the chain")
    .argument('<file>', "the receipt JSON that `pay` printed ('-' for stdin)")
    .option('--min-confirmations <count>', 'fail unless the payment has this many', count, 1)
    .action(async (path: string, options: { minConfirmations: number }, command: Command) => {
      const ctx = contextOf(command)
      const { address } = await ctx.walletFile()
      const receipt = parseReceipt(await readReceiptText(path))
      const [{ publicClient, deployment }, token] = await Promise.all([ctx.network(), ctx.token()])
      const result = await verifyReceipt({ publicClient, receipt, address, pool: deployment.pool })
      if (result.confirmations < BigInt(options.minConfirmations))
        throw new InvalidReceiptError(
          `The payment has ${result.confirmations} confirmations, fewer than ${options.minConfirmations}.`,
        )
      const amount = formatAmount(result.amount, token.decimals)
      const memo = receipt.memo ? `, payer's memo "${printable(receipt.memo)}"` : ''
      ctx.output.result(
        `valid: ${amount} ${token.symbol} received in tx ${receipt.txHash} (block ${result.blockNumber}, ${result.confirmations} confirmation${result.confirmations === 1n ? '' : 's'})${memo}`,
        {
          valid: true,
          amount,
          symbol: token.symbol,
          units: result.amount,
          txHash: receipt.txHash,
          blockNumber: result.blockNumber,
          confirmations: result.confirmations,
          memo: receipt.memo ?? '',
        },
      )
    })
}
