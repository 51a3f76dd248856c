/**
 * `npm run deploy -- --rpc URL --chain-id N [options]`: deploys the verifiers
 * and a pool (and a `TestToken` unless `--token` names the pool's ERC-20) and
 * writes `deployments/<chain-id>.json` (docs/deploy.md).
 *
 * The deployer key comes from `DEPLOYER_PRIVATE_KEY` or `--keystore FILE`
 * (a version-3 keystore; password from `DEPLOYER_KEYSTORE_PASSWORD` or the
 * terminal), never from an argument. Verifiers from the development setup are
 * refused on any chain but 31337 unless `--insecure-dev-keys` is given, and
 * then the deployment file records it.
 *
 * Options: --token ADDR, --relayer URL (repeatable), --indexer URL,
 * --public-rpc URL (what wallets use; default --rpc), --backup-rpc URL
 * (repeatable: public RPCs wallets fall back to), --out FILE,
 * --circuits DIR (a circuits directory `npm run ceremony -- install --to DIR`
 * wrote, instead of public/circuits: its verifiers are compiled and deployed),
 * --unlisted-ptau (accept a ceremony on an unlisted phase-1 file off 31337).
 * A ceremony setup's verifiers are always compiled from their sources here.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  isAddress,
} from 'viem'
import { deployPool } from '../lib/contracts/deploy.js'
import type { DeploymentServices } from '../lib/deploymentFile.js'
import { compileVerifiers } from './deploy/compileVerifiers.js'
import { DeployConfigError, deployerAccount } from './deploy/deployerAccount.js'
import { deployWithVerifiers } from './deploy/deployWithVerifiers.js'
import { verifierSetup } from './deploy/verifierSetup.js'

const root = resolve(import.meta.dirname, '..')
const LOCAL_CHAIN_ID = 31337

const usage =
  'Usage: npm run deploy -- --rpc URL --chain-id N [--keystore FILE] [--token ADDR] [--relayer URL]… [--indexer URL] [--public-rpc URL] [--backup-rpc URL]… [--circuits DIR] [--insecure-dev-keys] [--unlisted-ptau] [--out FILE]\n' +
  'The deployer key: DEPLOYER_PRIVATE_KEY, or --keystore FILE (password: DEPLOYER_KEYSTORE_PASSWORD or asked).'

function httpUrl(value: string, what: string): string {
  try {
    const url = new URL(value)
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '')
  } catch {}
  throw new DeployConfigError(`${what} is not an http(s) URL: ${value}`)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rpc: { type: 'string' },
      'chain-id': { type: 'string' },
      keystore: { type: 'string' },
      token: { type: 'string' },
      relayer: { type: 'string', multiple: true },
      indexer: { type: 'string' },
      'public-rpc': { type: 'string' },
      'backup-rpc': { type: 'string', multiple: true },
      'insecure-dev-keys': { type: 'boolean' },
      'unlisted-ptau': { type: 'boolean' },
      circuits: { type: 'string' },
      out: { type: 'string' },
      key: { type: 'string' },
    },
  })
  if (values.key !== undefined) {
    throw new DeployConfigError(
      'A private key on the command line ends up in shell history and process lists: set DEPLOYER_PRIVATE_KEY or use --keystore FILE.',
    )
  }
  if (!values.rpc) throw new DeployConfigError('Missing --rpc URL.')
  if (!values['chain-id'] || !/^\d+$/.test(values['chain-id'])) {
    throw new DeployConfigError('Missing --chain-id N (the chain the RPC must be on).')
  }
  const rpc = httpUrl(values.rpc, '--rpc')
  const chainId = Number(values['chain-id'])
  let token: Address | undefined
  if (values.token !== undefined) {
    if (!isAddress(values.token, { strict: false })) {
      throw new DeployConfigError(`--token is not an address: ${values.token}`)
    }
    token = getAddress(values.token)
  }
  const services: DeploymentServices = {
    rpcUrl: httpUrl(values['public-rpc'] ?? rpc, '--public-rpc'),
    ...(values['backup-rpc']?.length
      ? { backupRpcUrls: values['backup-rpc'].map((r) => httpUrl(r, '--backup-rpc')) }
      : {}),
    relayers: (values.relayer ?? []).map((r) => httpUrl(r, '--relayer')),
    ...(values.indexer ? { indexer: httpUrl(values.indexer, '--indexer') } : {}),
  }

  // The setup first: nothing is sent if the keys would be refused.
  const setup = await verifierSetup(root, values.circuits ? resolve(values.circuits) : undefined)
  const insecure = setup.kind === 'development' && chainId !== LOCAL_CHAIN_ID
  if (insecure && !values['insecure-dev-keys']) {
    throw new DeployConfigError(
      `Refusing to deploy development-setup verifiers on chain ${chainId}: ${setup.reason}. ` +
        'Anyone can forge proofs against them and drain the pool. Run the ceremony (docs/ceremony.md) ' +
        'or, for a test network only, pass --insecure-dev-keys.',
    )
  }
  const unlisted = setup.kind === 'ceremony' && setup.unlistedPtau
  if (unlisted && chainId !== LOCAL_CHAIN_ID && !values['unlisted-ptau']) {
    throw new DeployConfigError(
      `Refusing to deploy on chain ${chainId}: the ceremony in ${setup.circuitsDir} rests on an unlisted phase-1 file, ` +
        'which whoever made it may know the secret of. Use a published Powers of Tau (docs/ceremony.md) ' +
        'or, for a rehearsal, pass --unlisted-ptau.',
    )
  }
  if (setup.kind === 'ceremony')
    console.error(
      `Ceremony setup in ${setup.circuitsDir}: transcript ${setup.transcriptSha256}, contributions ${setup.contributions.map((n) => `"${n}"`).join(', ')}.`,
    )
  // A ceremony's verifiers, or any other circuits directory's, are compiled from their sources.
  const compiled =
    setup.kind === 'ceremony' || values.circuits ? compileVerifiers(setup.verifiers) : undefined

  const transport = http(rpc, { timeout: 30_000 })
  const probe = createPublicClient({ transport })
  const rpcChainId = await probe.getChainId()
  if (rpcChainId !== chainId) {
    throw new DeployConfigError(`--chain-id is ${chainId} but ${rpc} is on chain ${rpcChainId}.`)
  }
  const account = await deployerAccount({
    chainId,
    env: process.env,
    ...(values.keystore ? { keystore: values.keystore } : {}),
  })
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  })
  const publicClient = createPublicClient({ chain, transport })
  const walletClient = createWalletClient({ chain, transport, account })
  console.error(`Deploying from ${account.address} to chain ${chainId}…`)
  const deployment = compiled
    ? await deployWithVerifiers({
        walletClient,
        publicClient,
        verifiers: compiled,
        ...(token ? { token } : {}),
      })
    : await deployPool({ walletClient, publicClient, ...(token ? { token } : {}) })

  const file = {
    ...deployment,
    ...services,
    setup:
      setup.kind === 'ceremony'
        ? {
            kind: 'ceremony',
            transcriptSha256: setup.transcriptSha256,
            ...(setup.unlistedPtau ? { unlistedPtau: true } : {}),
          }
        : { kind: 'development', ...(setup.mixed ? { mixed: setup.mixed } : {}) },
    ...(insecure ? { insecureDevKeys: true } : {}),
  }
  const out = values.out ?? join(root, 'deployments', `${chainId}.json`)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(
    out,
    `${JSON.stringify(file, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
  )
  if (insecure) console.error(`WARNING: ${out} uses development keys (--insecure-dev-keys).`)
  if (unlisted)
    console.error(`WARNING: ${out} uses a ceremony on an UNLISTED phase-1 file (--unlisted-ptau).`)
  console.log(`Deployed the pool at ${deployment.pool} on chain ${chainId}; wrote ${out}`)
}

// snarkjs (rendering a ceremony's verifiers) leaves worker threads: leave explicitly.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`deploy: ${message}`)
    if (error instanceof DeployConfigError) console.error(usage)
    process.exit(1)
  },
)
