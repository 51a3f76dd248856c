/**
 * `npm run relayer`: the relayer service. Settings come from the environment
 * and an optional `--config file.json` (see relayer/config.ts), e.g. against
 * `npm start`'s chain:
 *
 *   RELAYER_PRIVATE_KEY=0x… POOLS=deployments/local.json npm run relayer
 */
import { BaseError } from '../lib/errors.js'
import { loadRelayerConfig } from './config.js'
import { createRelayerServer } from './server.js'

/** How long a shutdown waits for relays in progress (they wait for their blocks). */
const SHUTDOWN_GRACE_MS = 30_000

function fail(error: unknown): never {
  const message =
    error instanceof BaseError
      ? error.shortMessage
      : error instanceof Error
        ? error.message
        : String(error)
  const line = message.split('\n')[0]!
  console.error(line.startsWith('Relayer') ? line : `Relayer: ${line}`)
  process.exit(1)
}

const config = await loadRelayerConfig({ argv: process.argv.slice(2), env: process.env }).catch(
  fail,
)
const server = await createRelayerServer(config).catch(fail)
await server.listen({ port: config.port, host: config.host }).catch(fail)

let stopping = false
async function shutdown(signal: string) {
  if (stopping) process.exit(1) // a second Ctrl-C: stop now
  stopping = true
  server.log.info({ signal }, 'stopping: waiting for relays in progress')
  const timer = setTimeout(() => {
    server.log.error('relays still in progress after the grace period; exiting')
    process.exit(1)
  }, SHUTDOWN_GRACE_MS)
  timer.unref()
  await server.close()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
