/**
 * `npm run indexer`: the pool indexer for a deployment file, until Ctrl-C.
 *
 *   npm run indexer                                   deployments/local.json, port 42069, PGlite
 *   npm run indexer -- --deployment deployments/84532.json --port 42069
 *   DATABASE_URL=postgres://… npm run indexer         Postgres instead of PGlite
 *
 * ZKPAY_RPC_URL overrides the file's RPC (an archive-capable one for a long history).
 */
import { resolve } from 'node:path'
import { startIndexer } from './startIndexer.js'

const args = process.argv.slice(2)
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const deploymentFile = resolve(
  arg('deployment') ?? resolve(import.meta.dirname, '..', 'deployments', 'local.json'),
)
const indexer = await startIndexer({
  deploymentFile,
  port: Number(arg('port') ?? process.env.ZKPAY_INDEXER_PORT ?? 42069),
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  ...(process.env.ZKPAY_RPC_URL ? { rpcUrl: process.env.ZKPAY_RPC_URL } : {}),
  onLog: (line) => {
    try {
      const { msg, level, time, ...rest } = JSON.parse(line)
      if (level >= 30) console.log(`[indexer] ${msg} ${JSON.stringify(rest)}`)
    } catch {
      console.log(`[indexer] ${line}`)
    }
  },
})
console.log(`[indexer] ${deploymentFile} served on ${indexer.url}`)
const stop = async () => {
  await indexer.stop()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
