/**
 * Deploys a pool (with a TestToken and the verifiers) and writes its
 * `Deployment` as JSON, bigints as strings.
 *
 * Usage: tsx scripts/deploy.ts --rpc <url> [--key <0x..>] [--out deployments/<chainId>.json]
 * Without --key, a local RPC (localhost, 127.0.0.1) uses anvil's account 0.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { type Account, createPublicClient, createWalletClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { deployPool } from '../lib/contracts/deploy.js'
import { devAccount } from '../lib/node/devAccounts.js'

const { values } = parseArgs({
  options: { rpc: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' } },
})

function fail(message: string): never {
  console.error(
    `${message}\nUsage: tsx scripts/deploy.ts --rpc <url> [--key <0x..>] [--out <file>]`,
  )
  process.exit(1)
}

const rpc = values.rpc ?? fail('Missing --rpc.')
const isLocal = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(rpc).hostname)

function deployer(): Account {
  if (values.key) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(values.key)) fail('--key must be a 32-byte hex private key.')
    return privateKeyToAccount(values.key as Hex)
  }
  if (isLocal) return devAccount(0)
  return fail('Missing --key: only a local RPC defaults to the anvil account.')
}

const transport = http(rpc)
const publicClient = createPublicClient({ transport })
const walletClient = createWalletClient({ account: deployer(), transport })
const deployment = await deployPool({ walletClient, publicClient })
const out = values.out ?? `deployments/${deployment.chainId}.json`
const json = JSON.stringify(
  deployment,
  (_, value) => (typeof value === 'bigint' ? value.toString() : value),
  2,
)
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, `${json}\n`)
console.log(`Deployed the pool at ${deployment.pool} (chain ${deployment.chainId}); wrote ${out}`)
