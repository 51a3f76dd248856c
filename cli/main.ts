/**
 * `zkpay`: the headless wallet. One command per file in `commands/`; every
 * failure is one line `zkpay: <message>` on stderr and a non-zero exit
 * (2 for a malformed command line, 1 for everything else).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Command, CommanderError } from 'commander'
import { addressCommand } from './commands/address.js'
import { balanceCommand } from './commands/balance.js'
import { configCommand } from './commands/config.js'
import { contactsCommand } from './commands/contacts.js'
import { historyCommand } from './commands/history.js'
import { importCommand } from './commands/import.js'
import { initCommand } from './commands/init.js'
import { mergeCommand } from './commands/merge.js'
import { payCommand } from './commands/pay.js'
import { requestCommand } from './commands/request.js'
import { shieldCommand } from './commands/shield.js'
import { statusCommand } from './commands/status.js'
import { syncCommand } from './commands/sync.js'
import { unshieldCommand } from './commands/unshield.js'
import { verifyReceiptCommand } from './commands/verifyReceipt.js'
import { viewingKeyCommand } from './commands/viewingKey.js'
import { formatError } from './output.js'

const { version } = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '..', 'package.json'), 'utf8'),
) as { version: string }

/** The program with every command, set to throw instead of exiting. */
function createProgram(): Command {
  const program = new Command('zkpay')
    .description('zkpay headless wallet: private payments through the shielded pool')
    .version(version)
    .option('--home <dir>', 'wallet home (default: $ZKPAY_HOME or ~/.zkpay)')
    .option(
      '--rpc <url>',
      "chain RPC URL; repeat it for backups, tried in order (default: the home's config, then the deployment's, then its backups)",
      (url: string, list: string[] = []) => [...list, url],
    )
    .option('--deployment <file>', 'deployment file (default: deployments/local.json of the repo)')
    .option(
      '--password-file <file>',
      'read the wallet password from this file (or $ZKPAY_PASSWORD)',
    )
    .option('--json', 'machine-readable output on stdout')
    .option('-q, --quiet', 'no progress on stderr')
  for (const command of [
    initCommand(),
    importCommand(),
    addressCommand(),
    balanceCommand(),
    syncCommand(),
    shieldCommand(),
    payCommand(),
    requestCommand(),
    unshieldCommand(),
    mergeCommand(),
    historyCommand(),
    verifyReceiptCommand(),
    viewingKeyCommand(),
    contactsCommand(),
    configCommand(),
    statusCommand(),
  ])
    program.addCommand(command)
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({
      // Commander's usage errors, as one line like every other error.
      outputError: (text, write) =>
        write(
          `zkpay: ${text
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()}\n`,
        ),
    })
    for (const sub of command.commands) configure(sub)
  }
  configure(program)
  return program
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    process.stderr.write(`${formatError(error)}\n`)
    return 1
  }
}

// snarkjs keeps worker threads alive after proving: end the process explicitly.
process.exit(await main(process.argv.slice(2)))
