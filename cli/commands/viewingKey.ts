import { Command } from 'commander'
import { encodeFullViewingKey } from '../../lib/fullViewingKey.js'
import { contextOf } from '../context.js'

/** `zkpay viewing-key`: the wallet's full viewing key, for a watch-only copy (asks the password). */
export function viewingKeyCommand(): Command {
  return new Command('viewing-key')
    .description(
      'print the full viewing key: whoever holds it sees every payment in and out, but cannot spend',
    )
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command)
      const key = encodeFullViewingKey(await ctx.unlock())
      ctx.output.result(key, { viewingKey: key })
    })
}
