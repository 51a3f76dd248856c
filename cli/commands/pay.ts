import { Command } from 'commander'
import { decodeAddress } from '../../lib/address.js'
import { formatAmount } from '../../lib/amount.js'
import { findContact } from '../../lib/contacts.js'
import {
  InvalidAddressError,
  InvalidAmountError,
  InvalidConfigError,
  InvalidNoteError,
} from '../../lib/errors.js'
import { MAX_MEMO_BYTES } from '../../lib/noteFormat.js'
import { isPaymentRequest, parsePaymentRequest } from '../../lib/paymentRequest.js'
import { serializeReceipt } from '../../lib/receipt/receipt.js'
import type { Context } from '../context.js'
import { contextOf } from '../context.js'
import { printable, toJson } from '../output.js'
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

/** Who and what to pay: from a `zkpay:` request, a contact's name, or an address and an amount. */
async function readPayee(
  ctx: Context,
  target: string,
  amountText: string | undefined,
  memoOption: string | undefined,
): Promise<{ to: string; amount: bigint; memo?: string; label?: string }> {
  let to = target.trim()
  let memo = memoOption
  let label: string | undefined
  if (isPaymentRequest(to)) {
    const { deployment } = await ctx.network()
    const token = await ctx.token()
    const request = parsePaymentRequest(to, { decimals: token.decimals })
    if (request.chainId !== undefined && request.chainId !== deployment.chainId)
      throw new InvalidConfigError(
        `The request is for chain ${request.chainId}; this wallet uses chain ${deployment.chainId}.`,
      )
    if (request.token && request.token.toLowerCase() !== deployment.token.toLowerCase())
      throw new InvalidConfigError(
        `The request asks for token ${request.token}; this wallet pays in ${token.symbol} (${deployment.token}).`,
      )
    if (request.amount !== undefined && amountText !== undefined)
      throw new InvalidAmountError(
        'The request names its amount: give no amount after it (or pay the address itself).',
      )
    if (request.memo !== undefined && memoOption !== undefined && request.memo !== memoOption)
      throw new InvalidNoteError('The request names its memo: leave --memo out.')
    to = request.address
    amountText = request.amount ?? amountText
    memo = request.memo ?? memoOption
    label = request.label
  } else if (!/^(zkpay1|0x)/i.test(to)) {
    const book = ctx.store.hasWallet() ? ((await ctx.walletFile()).contacts ?? []) : []
    const contact = findContact(book, to)
    if (!contact)
      throw new InvalidAddressError(
        `"${printable(to.slice(0, 40))}" is neither a zkpay1… address, a contact (zkpay contacts) nor a zkpay: request.`,
      )
    to = contact.address
  }
  decodeAddress(to)
  if (amountText === undefined)
    throw new InvalidAmountError('Give the amount: zkpay pay <address> <amount>.')
  if (memo !== undefined) checkMemo(memo)
  return {
    to,
    amount: await parseTokenAmount(ctx, amountText),
    ...(memo !== undefined ? { memo } : {}),
    ...(label !== undefined ? { label } : {}),
  }
}

/**
 * `zkpay pay <address|contact|zkpay:…> [amount]` (also `zkpay send`): a
 * private payment; prints the receipt the payee verifies. A `zkpay:`
 * request brings its address, amount and memo (docs/provider.md).
 */
export function payCommand(): Command {
  return new Command('pay')
    .alias('send')
    .description(
      'pay a shielded address, a contact or a zkpay: request privately; prints the receipt',
    )
    .argument('<to>', 'the payee: zkpay1…, a contact name, or a zkpay: payment request')
    .argument('[amount]', 'in token units, e.g. 12.5 (a request may name it)')
    .option('--memo <text>', `a message for the payee, at most ${MAX_MEMO_BYTES} bytes`)
    .option('--relayer <url>', relayerHelp, collectUrls)
    .option('--no-relayer', 'send from the public account, which pays the gas and is seen')
    .option('--receipt-out <file>', 'also write the receipt to this file')
    .action(
      async (
        target: string,
        amountText: string | undefined,
        options: PayOptions,
        command: Command,
      ) => {
        const ctx = contextOf(command)
        const receiptPath = options.receiptOut && outputFile(options.receiptOut, 'the receipt')
        const { to, amount, memo, label } = await readPayee(ctx, target, amountText, options.memo)
        await ctx.walletFile()
        if (label) ctx.output.info(`paying ${printable(label)} (${to.slice(0, 16)}…)`)
        const relays = await ctx.relays(options.relayer)
        const { wallet } = await ctx.wallet()
        const settled = await runSpend(ctx, relays, (onProgress, relay) =>
          wallet.pay(to, amount, {
            ...(memo ? { memo } : {}),
            ...(relay ? { relay } : {}),
            onProgress,
          }),
        )
        const summary = await settledSummary(ctx, settled)
        const paid = `paid ${await formatTokens(ctx, amount)} to ${to.slice(0, 16)}… ${summary.line}`
        const receipt = settled.receipt && serializeReceipt(settled.receipt)
        if (receipt && receiptPath) await writeFileAtomic(receiptPath, `${receipt}\n`)
        const json = {
          amount: formatAmount(amount, (await ctx.token()).decimals),
          to,
          ...(memo ? { memo } : {}),
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
      },
    )
}
