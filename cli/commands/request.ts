import { Command } from 'commander'
import { type Address, getAddress, isAddress } from 'viem'
import { InvalidConfigError } from '../../lib/errors.js'
import { MAX_MEMO_BYTES } from '../../lib/noteFormat.js'
import { formatPaymentRequest, type PaymentRequest } from '../../lib/paymentRequest.js'
import { contextOf } from '../context.js'

type RequestOptions = { amount?: string; memo?: string; token?: string; label?: string }

/**
 * `zkpay request [--amount N] [--memo TEXT] [--token 0x…] [--label NAME]`:
 * a `zkpay:` payment request to this wallet's shielded address (the grammar
 * is in docs/provider.md). The token defaults to the deployment's; with an
 * amount, it is checked against the token's decimals (read from the chain).
 */
export function requestCommand(): Command {
  return new Command('request')
    .description('print a zkpay: payment request (URI) for this wallet, to share or show as a QR')
    .option('--amount <amount>', 'in token units, e.g. 12.5')
    .option('--memo <text>', `a message for the payment, at most ${MAX_MEMO_BYTES} bytes`)
    .option('--token <address>', "the token's contract (default: the deployment's token)")
    .option('--label <name>', 'who you are, shown to the payer')
    .action(async (options: RequestOptions, command: Command) => {
      const ctx = contextOf(command)
      const { address } = await ctx.walletFile()
      const { deployment } = await ctx.network()
      let token: Address = deployment.token
      if (options.token !== undefined) {
        if (!isAddress(options.token, { strict: false }))
          throw new InvalidConfigError('--token is not a 0x address of 40 hex digits.')
        token = getAddress(options.token)
      }
      const request: PaymentRequest = {
        address,
        token,
        chainId: deployment.chainId,
        ...(options.amount !== undefined ? { amount: options.amount } : {}),
        ...(options.memo !== undefined ? { memo: options.memo } : {}),
        ...(options.label !== undefined ? { label: options.label } : {}),
      }
      // The token's decimals only matter for an amount (and need the chain).
      const decimals =
        options.amount !== undefined && token.toLowerCase() === deployment.token.toLowerCase()
          ? (await ctx.token()).decimals
          : undefined
      if (options.amount !== undefined && decimals === undefined)
        throw new InvalidConfigError(
          `The token ${token} is not this deployment's (${deployment.token}): the CLI cannot check its amount.`,
        )
      const uri = formatPaymentRequest(request, decimals === undefined ? {} : { decimals })
      ctx.output.result(uri, { uri, ...request })
    })
}
