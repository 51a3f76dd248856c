/**
 * `npm start`: the local stack. Starts anvil on 127.0.0.1, deploys the test
 * token, verifiers and pool, funds demo accounts, writes
 * deployments/local.json, starts two relayers (each with its own key, so
 * that payments go on when one is stopped) and the demo sites (checkout on
 * 8550, tip jar on 8551), builds the extension, and keeps
 * running until Ctrl-C, stopping what it started.
 *
 *   npm start                       local anvil on port 8545 (ZKPAY_PORT to change),
 *                                   relayers on 8547 and 8548 (ZKPAY_RELAYER_PORT and the next)
 *
 * Another chain is `npm run deploy` (docs/deploy.md): keys never on the command line.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { join, resolve } from 'node:path'
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  parseEther,
  parseUnits,
  toHex,
} from 'viem'
import { startDemoSites } from '../demo/startDemoSites.js'
import { encodeAddress } from '../lib/address.js'
import { testTokenAbi } from '../lib/contracts/artifacts.js'
import { deployPool } from '../lib/contracts/deploy.js'
import { deriveKeys, generateMnemonic } from '../lib/keys.js'
import { startAnvil } from '../lib/node/anvil.js'
import { devAccount } from '../lib/node/devAccounts.js'
import { parseRelayerConfig } from '../relayer/config.js'
import { createRelayerServer } from '../relayer/server.js'

const root = resolve(import.meta.dirname, '..')
const lockFile = join(root, '.cache', 'start.lock')
const args = process.argv.slice(2)
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const say = (line: string) => console.log(`[zkpay] ${line}`)

/** Turns pino's JSON lines into one readable line each. */
function readableLogs(name: string) {
  return {
    write(line: string) {
      try {
        const { level, time, pid, hostname, msg, reqId, ...rest } = JSON.parse(line)
        const fields = Object.entries(rest)
          .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
          .join(' ')
        console.log(`[${name}] ${msg ?? ''}${reqId ? ` (${reqId})` : ''} ${fields}`.trimEnd())
      } catch {
        process.stdout.write(`[${name}] ${line}`)
      }
    },
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      done(true)
    })
    socket.once('error', () => done(false))
  })
}

function alreadyRunning(): number | undefined {
  if (!existsSync(lockFile)) return undefined
  const pid = Number(readFileSync(lockFile, 'utf8'))
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return undefined // a stale lock from a run that was killed
  }
}

const running = alreadyRunning()
if (running) {
  say(`the stack is already running (pid ${running}); stop it with Ctrl-C in its terminal first.`)
  process.exit(1)
}

if (arg('rpc') !== undefined || arg('key') !== undefined || arg('relayer-key') !== undefined) {
  say(
    'npm start runs the local chain only. To deploy elsewhere: DEPLOYER_PRIVATE_KEY=… npm run deploy -- --rpc URL --chain-id N (docs/deploy.md).',
  )
  process.exit(2)
}
const port = Number(process.env.ZKPAY_PORT ?? 8545)
if (await portInUse(port)) {
  say(`port ${port} on 127.0.0.1 is taken by another program; set ZKPAY_PORT to use another one.`)
  process.exit(1)
}

mkdirSync(join(root, '.cache'), { recursive: true })
writeFileSync(lockFile, String(process.pid))
const cleanups: (() => Promise<void> | void)[] = [() => rmSync(lockFile, { force: true })]
async function shutdown(code = 0) {
  say('stopping…')
  for (const cleanup of cleanups.reverse()) await cleanup()
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))

try {
  const anvil = await startAnvil({ port })
  cleanups.push(() => anvil.stop())
  const rpcUrl = anvil.rpcUrl
  say(`anvil listening on ${rpcUrl}`)
  const transport = http(rpcUrl)
  const probe = createPublicClient({ transport })
  const chainId = await probe.getChainId()
  const chain = defineChain({
    id: chainId,
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
  const publicClient = createPublicClient({ chain, transport })
  const relayerPort = Number(process.env.ZKPAY_RELAYER_PORT ?? 8547)
  const walletClient = createWalletClient({ chain, transport, account: devAccount(0) })
  const deployment = await deployPool({ walletClient, publicClient })
  const out = join(root, 'deployments', 'local.json')
  mkdirSync(join(root, 'deployments'), { recursive: true })
  const relayerUrls = [0, 1].map((i) => `http://127.0.0.1:${relayerPort + i}`)
  const file = { ...deployment, rpcUrl, relayers: relayerUrls, setup: { kind: 'development' } }
  const json = `${JSON.stringify(file, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`
  writeFileSync(out, json)
  // The deployment the extension built below is for (background/config.ts inlines it).
  writeFileSync(join(root, 'deployments', 'extension.json'), json)
  say(`pool ${deployment.pool}, token ${deployment.token} (zUSD), written to ${out}`)

  {
    const testClient = createTestClient({ chain, transport, mode: 'anvil' })
    for (const name of ['alice', 'bob']) {
      const mnemonic = generateMnemonic()
      const keys = deriveKeys(mnemonic)
      await testClient.setBalance({ address: keys.account.address, value: parseEther('100') })
      const hash = await walletClient.writeContract({
        address: deployment.token,
        abi: testTokenAbi,
        functionName: 'mint',
        args: [keys.account.address, parseUnits('1000', 18)],
      })
      await publicClient.waitForTransactionReceipt({ hash })
      say(`demo account ${name}: 100 ETH and 1000 zUSD on ${keys.account.address}`)
      say(`  mnemonic: ${mnemonic}`)
      say(
        `  shielded address: ${encodeAddress({ ownerKey: keys.ownerKey, viewingPublicKey: keys.viewingKey.publicKey })}`,
      )
    }
  }
  // Two relayers, anvil's accounts 1 and 2 locally: killing one stops no payment.
  const relayerKeys = [1, 2].map((i) => toHex(devAccount(i).getHdKey().privateKey!))
  for (const [i, relayerKey] of relayerKeys.entries()) {
    const name = i === 0 ? 'relayer' : `relayer${i + 1}`
    const config = await parseRelayerConfig({
      RPC_URL: rpcUrl,
      RELAYER_PRIVATE_KEY: relayerKey,
      POOLS: out,
      FEE_FLAT: parseUnits('0.01', 18).toString(),
      FEE_PER_GAS: '100000000',
      // Fees accrue in the pool; take them out once there is 1 zUSD.
      FEE_WITHDRAW_AT: parseUnits('1', 18).toString(),
      PORT: relayerPort + i,
      POLLING_INTERVAL_MS: 100,
    })
    const relayer = await createRelayerServer(config, {
      logger: { stream: readableLogs(name) },
    })
    await relayer.listen({ port: config.port, host: config.host })
    cleanups.push(() => relayer.close())
    say(`${name} on http://${config.host}:${config.port} (fee 0.01 zUSD + 1e8 per gas)`)
  }
  if (relayerKeys.length === 0)
    say('no relayer: pass --relayer-key <0x…> to run one against this chain')

  // The demo sites' payees: fresh wallets whose phrases let you spend what they receive.
  const payees = ['merchant', 'creator'].map((name) => {
    const mnemonic = generateMnemonic()
    const keys = deriveKeys(mnemonic)
    const address = encodeAddress({
      ownerKey: keys.ownerKey,
      viewingPublicKey: keys.viewingKey.publicKey,
    })
    return { name, mnemonic, address }
  })
  const sites = await startDemoSites({
    rpcUrl,
    deployment,
    merchantAddress: payees[0]!.address,
    creatorAddress: payees[1]!.address,
    checkoutPort: Number(process.env.ZKPAY_CHECKOUT_PORT ?? 8550),
    tipJarPort: Number(process.env.ZKPAY_TIPJAR_PORT ?? 8551),
    logger: { stream: readableLogs('demo') },
  })
  cleanups.push(() => sites.stop())
  say(`demo checkout on ${sites.checkoutUrl}, tip jar on ${sites.tipJarUrl}`)
  for (const payee of payees) say(`  the ${payee.name}'s mnemonic: ${payee.mnemonic}`)

  say('building the extension…')
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, encoding: 'utf8' })
  if (build.status !== 0)
    throw new Error(`the extension build failed:\n${build.stderr || build.stdout}`)
  const extensionDir = join(root, '.output', 'chrome-mv3')
  say(`extension built in ${extensionDir}`)
  say('  load it in Chrome or Chromium: open chrome://extensions, turn on Developer mode,')
  say(`  click "Load unpacked" and choose ${extensionDir}`)
  say('ready. Press Ctrl-C to stop.')
} catch (error) {
  console.error(`[zkpay] failed: ${error instanceof Error ? error.message : String(error)}`)
  await shutdown(1)
}
