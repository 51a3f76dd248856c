/**
 * The two demo sites on their own, against a running chain (`npm start`
 * writes deployments/local.json):
 *
 *   tsx demo/main.ts --merchant zkpay1… --creator zkpay1…
 *
 * Settings are flags or environment variables (see demo/config.ts); the
 * addresses are any two shielded addresses you control, for example from
 * `zkpay address` of two CLI wallets. Stops on Ctrl-C.
 */

import { BaseError } from '../lib/errors.js'
import { loadDemoConfig, usage } from './config.js'
import { startDemoSites } from './startDemoSites.js'

function fail(error: unknown): never {
  const code = (error as NodeJS.ErrnoException)?.code
  const message =
    code === 'EADDRINUSE'
      ? `Demo: ${(error as Error).message.replace(/^listen EADDRINUSE: /, '')}; set --checkout-port / --tip-jar-port to use others.`
      : error instanceof BaseError
        ? error.shortMessage
        : error instanceof Error
          ? error.message
          : String(error)
  const line = message.split('\n')[0]!
  console.error(line.startsWith('Demo') ? line : `Demo: ${line}`)
  process.exit(1)
}

/** pino's JSON lines as one readable line each: `[checkout] order paid orderId=3 …`. */
const readableLogs = {
  write(line: string) {
    try {
      const { level, time, site, msg, reqId, ...fields } = JSON.parse(line)
      const rest = Object.entries(fields)
        .map(
          ([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : value}`,
        )
        .join(' ')
      console.log(`[${site ?? 'demo'}] ${msg ?? ''} ${rest}`.trimEnd())
    } catch {
      process.stdout.write(line)
    }
  },
}

const argv = process.argv.slice(2)
if (argv.includes('--help')) {
  console.log(usage)
  process.exit(0)
}
const config = await loadDemoConfig({ argv, env: process.env }).catch(fail)
const sites = await startDemoSites({ ...config, logger: { stream: readableLogs } }).catch(fail)
console.log(`[demo] checkout (merchant) on ${sites.checkoutUrl}`)
console.log(`[demo] tip jar (creator) on ${sites.tipJarUrl}`)
console.log('[demo] open them in the browser with the zkpay extension loaded. Ctrl-C to stop.')

async function shutdown() {
  await sites.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
