import { Command } from 'commander'
import { contextOf } from '../context.js'

/** `zkpay address`: the shielded address to be paid at (no password needed). */
export function addressCommand(): Command {
  return new Command('address')
    .description('print the shielded address (and the public account with --json)')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command)
      const { address, account } = await ctx.walletFile()
      ctx.output.result(address, { address, account })
    })
}
