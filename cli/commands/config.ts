import { resolve } from 'node:path'
import { Argument, Command } from 'commander'
import { checkHttpUrl } from '../chain.js'
import { contextOf } from '../context.js'
import type { CliConfig } from '../store.js'

const keys = { rpc: 'rpcUrl', deployment: 'deployment', relayer: 'relayer' } as const
type Key = keyof typeof keys

/** `zkpay config [set|unset]`: the home's defaults for --rpc, --deployment and --relayer. */
export function configCommand(): Command {
  const config = new Command('config')
    .description("show the home's defaults (rpc, deployment, relayer)")
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command)
      const saved = await ctx.store.readConfig()
      const lines = Object.entries(keys).map(
        ([key, field]) => `${key.padEnd(10)} ${[saved[field]].flat().join(', ') || '(not set)'}`,
      )
      ctx.output.result(lines, saved)
    })
  config
    .command('set')
    .description('set a default')
    .addArgument(new Argument('<key>').choices(Object.keys(keys)))
    .argument('<value>')
    .action(async (key: Key, value: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command)
      const saved: CliConfig = await ctx.store.readConfig()
      if (key === 'deployment') saved.deployment = resolve(value)
      // Several RPCs (the first preferred) or relayers: comma-separated.
      else if (key === 'rpc') {
        const urls = value
          .split(',')
          .map((url) => checkHttpUrl(url.trim(), 'The RPC URL').trim())
          .filter(Boolean)
        saved.rpcUrl = urls.length === 1 ? urls[0] : urls
      } else
        saved.relayer = value
          .split(',')
          .map((url) => checkHttpUrl(url.trim(), 'The relayer URL').trim())
          .filter(Boolean)
      await ctx.store.writeConfig(saved)
      ctx.output.result(`${key} = ${[saved[keys[key]]].flat().join(', ')}`, saved)
    })
  config
    .command('unset')
    .description('remove a default')
    .addArgument(new Argument('<key>').choices(Object.keys(keys)))
    .action(async (key: Key, _options: unknown, command: Command) => {
      const ctx = contextOf(command)
      const saved: CliConfig = await ctx.store.readConfig()
      delete saved[keys[key]]
      await ctx.store.writeConfig(saved)
      ctx.output.result(`${key} unset`, saved)
    })
  return config
}
