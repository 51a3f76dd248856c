import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { FastifyInstance } from 'fastify'
import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  parseUnits,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testTokenAbi } from '../../lib/contracts/artifacts.js'
import { DEV_KEYS_WARNING } from '../../lib/deploymentFile.js'
import { type Anvil, startAnvil } from '../../lib/node/anvil.js'
import { devAccount } from '../../lib/node/devAccounts.js'
import { parseRelayerConfig } from '../../relayer/config.js'
import { createRelayerServer } from '../../relayer/server.js'
import { statePath } from '../../scripts/ceremony/state.js'
import { PASSWORD, runCli } from '../cli/cli.js'
import { contributePhase1, preparePhase2 } from '../helpers/ptau.js'
import { launchExtension } from './helpers/extension.js'
import { byTestId, confirmSend, createWalletInPopup, waitForText } from './helpers/popup.js'
import { runScript } from './helpers/scripts.js'

// Issue 13's remote-style run: a two-participant phase-2 ceremony and a
// beacon for tx1 on a phase-1 file made here, installed as a circuits
// directory; a deploy with those keys on an anvil that calls itself Sepolia;
// the extension built for that deployment and those keys; and a private
// payment in Chromium through a relayer that checks proofs with them. The
// pool's Verifier1 is the ceremony's, so a proof made with the development
// keys would not verify: the payment landing shows the keys went all the way.
//
// tx2 and tx8 keep the development keys (--fill-development): their domains
// (2^14, 2^16) take minutes per ceremony step here. That makes the setup
// "mixed", which deploy counts as development keys, so it needs
// --insecure-dev-keys off 31337 and the warning shows.

const SEPOLIA = 11155111
/** tx1 has 6,471 constraints: a 2^13 domain. */
const PTAU_POWER = 13
const password = 'ceremony deployment password'
const units = (amount: string) => parseUnits(amount, 18)
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const json = <T = Record<string, unknown>>(path: string): T =>
  JSON.parse(readFileSync(path, 'utf8')) as T

/** Seconds each ceremony step took, for the closing note and docs/ceremony.md. */
const timings: Record<string, number> = {}
async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now()
  const result = await work()
  timings[step] = (Date.now() - started) / 1000
  return result
}

async function ceremony(...args: string[]) {
  const result = await runScript(['scripts/ceremony.ts', ...args], {}, 240_000)
  if (result.code !== 0)
    throw new Error(`ceremony ${args[0]} failed (${result.code}):\n${result.stderr}`)
  return result
}

/** A free port on 127.0.0.1, for a relayer the deployment file must name before it runs. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

describe("a deployment with a ceremony's keys", () => {
  let anvil: Anvil
  let work: string
  let ceremonyDir: string
  let exportDir: string
  let circuitsDir: string
  let deploymentFile: string
  let extension: string
  let relayerPort: number
  const deployerKey = `0x${bytesToHex(devAccount(4).getHdKey().privateKey!)}` as Hex
  const rawPtau = () => join(work, 'pot_raw.ptau')
  const ptau = () => join(work, `pot${PTAU_POWER}.ptau`)

  beforeAll(async () => {
    anvil = await startAnvil({ chainId: SEPOLIA })
    work = mkdtempSync(join(tmpdir(), 'zkpay-ceremony-deploy-'))
    ceremonyDir = join(work, 'ceremony')
    exportDir = join(work, 'export')
    circuitsDir = join(work, 'circuits')
    deploymentFile = join(work, `${SEPOLIA}.json`)
    relayerPort = await freePort()
    await timed('phase 1 (2^13, made here)', () => contributePhase1(PTAU_POWER, rawPtau(), work))
  }, 240_000)

  afterAll(async () => {
    await anvil?.stop()
    if (work) rmSync(work, { recursive: true, force: true })
  })

  // The ceremony's steps run as tests in order, each with its own timeout:
  // a step that fails names itself, and the tests after it fail too.
  it('prepares the phase-1 file for phase 2', async () => {
    await timed('phase 1 prepared for phase 2', () => preparePhase2(rawPtau(), ptau()))
    expect(statSync(ptau()).size).toBeGreaterThan(statSync(rawPtau()).size)
  }, 300_000) // about 110 s alone: snarkjs computes the Lagrange bases of every power up to 2^13

  it('starts a ceremony for tx1 on it', async () => {
    await timed('init', () =>
      ceremony(
        'init',
        '--dir',
        ceremonyDir,
        '--ptau',
        ptau(),
        '--circuits',
        'tx1',
        '--unlisted-ptau',
      ),
    )
    const state = json<{ ptau: { power: number; unlisted: boolean }; contributions: unknown[] }>(
      statePath(ceremonyDir),
    )
    expect(state).toMatchObject({ ptau: { power: PTAU_POWER, unlisted: true }, contributions: [] })
  }, 240_000)

  it('takes two contributions and a beacon, exports and installs a circuits directory', async () => {
    await timed('contribute (alice)', () =>
      ceremony('contribute', '--dir', ceremonyDir, '--name', 'alice'),
    )
    await timed('contribute (bob)', () =>
      ceremony('contribute', '--dir', ceremonyDir, '--name', 'bob'),
    )
    const beaconHash = bytesToHex(crypto.getRandomValues(new Uint8Array(32)))
    await timed('beacon', () =>
      ceremony('beacon', '--dir', ceremonyDir, '--hash', beaconHash, '--iterations', '10'),
    )
    await timed('export', () => ceremony('export', '--dir', ceremonyDir, '--out', exportDir))
    await timed('install', () =>
      ceremony('install', '--from', exportDir, '--to', circuitsDir, '--fill-development'),
    )
    console.info(`[ceremony] tx1 seconds per step: ${JSON.stringify(timings)}`)
    for (const f of ['tx1.zkey', 'tx1.vkey.json', 'tx2.zkey', 'manifest.json'])
      expect(existsSync(join(circuitsDir, f)), f).toBe(true)
  }, 240_000)

  it('verify prints both contributions and the beacon of the transcript', async () => {
    const verified = await timed('verify', () =>
      ceremony('verify', '--dir', ceremonyDir, '--skip-ptau-verify', '--export', exportDir),
    )
    expect(verified.stdout).toMatch(/#1 "alice": [0-9a-f]{128}/)
    expect(verified.stdout).toMatch(/#2 "bob": [0-9a-f]{128}/)
    expect(verified.stdout).toMatch(/beacon [0-9a-f]{64}, 2\^10 iterations/)
    const manifest = json<{ setup: { kind: string; ceremonyCircuits: string[] } }>(
      join(circuitsDir, 'manifest.json'),
    )
    expect(manifest.setup).toMatchObject({ kind: 'mixed', ceremonyCircuits: ['tx1'] })
    // The installed tx1 keys are the ceremony's final ones, not the development keys.
    expect(sha256(join(circuitsDir, 'tx1.zkey'))).toBe(sha256(join(exportDir, 'tx1.zkey')))
    expect(sha256(join(circuitsDir, 'tx1.zkey'))).not.toBe(
      sha256(join('public', 'circuits', 'tx1.zkey')),
    )
  }, 120_000)

  it("deploys the ceremony's Verifier1; the mixed setup needs --insecure-dev-keys off 31337", async () => {
    const args = [
      'scripts/deploy.ts',
      '--rpc',
      anvil.rpcUrl,
      '--chain-id',
      String(SEPOLIA),
      '--circuits',
      circuitsDir,
      '--relayer',
      `http://127.0.0.1:${relayerPort}`,
      '--out',
      deploymentFile,
    ]
    const env = { DEPLOYER_PRIVATE_KEY: deployerKey }
    const refused = await runScript(args, env)
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/Refusing to deploy development-setup verifiers on chain/)
    expect(refused.stderr).toMatch(/tx2, tx8 come from the development setup/)

    const deployed = await runScript([...args, '--insecure-dev-keys'], env)
    expect(deployed.code, deployed.stderr).toBe(0)
    const file = json<{
      pool: Address
      verifiers: Record<string, Address>
      insecureDevKeys: boolean
      setup: { kind: string; mixed?: { transcriptSha256: string; ceremonyCircuits: string[] } }
    }>(deploymentFile)
    const manifest = json<{ setup: { transcriptSha256: string } }>(
      join(circuitsDir, 'manifest.json'),
    )
    expect(file).toMatchObject({
      insecureDevKeys: true,
      setup: {
        kind: 'development',
        mixed: { transcriptSha256: manifest.setup.transcriptSha256, ceremonyCircuits: ['tx1'] },
      },
    })
    // Verifier1 holds the ceremony's delta (a phase-2 value), not the development one.
    const client = createPublicClient({ transport: http(anvil.rpcUrl) })
    const code = (await client.getCode({ address: file.verifiers['1']! })) ?? '0x'
    const deltaOf = (vkey: string) =>
      BigInt(json<{ vk_delta_2: string[][] }>(vkey).vk_delta_2[0]![0]!)
        .toString(16)
        .padStart(64, '0')
    expect(code).toContain(deltaOf(join(circuitsDir, 'tx1.vkey.json')))
    expect(code).not.toContain(deltaOf(join('public', 'circuits', 'tx1.vkey.json')))
  }, 180_000)

  it("builds the extension with the ceremony's keys, and refuses to build it with others", async () => {
    const outDir = join(work, 'extension')
    const mismatched = await runScript([
      'scripts/build-extension.ts',
      '--deployment',
      deploymentFile,
      '--out',
      outDir,
    ])
    expect(mismatched.code).not.toBe(0)
    expect(mismatched.stderr).toMatch(/proofs the pool rejects.*--circuits/)
    const built = await runScript([
      'scripts/build-extension.ts',
      '--deployment',
      deploymentFile,
      '--circuits',
      circuitsDir,
      '--out',
      outDir,
    ])
    expect(built.code, built.stderr).toBe(0)
    extension = join(outDir, 'chrome-mv3')
    for (const f of ['tx1.zkey', 'tx1.wasm', 'tx2.zkey', 'manifest.json'])
      expect(sha256(join(extension, 'circuits', f)), f).toBe(sha256(join(circuitsDir, f)))
  }, 180_000)

  it('pays privately in Chromium through a relayer that checks proofs with the same keys', async () => {
    const relayerKey = generatePrivateKey()
    const raw = {
      RPC_URL: anvil.rpcUrl,
      RELAYER_PRIVATE_KEY: relayerKey,
      POOLS: deploymentFile,
      POLLING_INTERVAL_MS: '50',
      LOG_LEVEL: 'silent',
    } as const
    // Development keys against this deployment are refused at start.
    await expect(parseRelayerConfig(raw).then(createRelayerServer)).rejects.toThrow(
      /ceremony transcript .* development keys; set CIRCUITS_DIR/,
    )
    const chain = defineChain({
      id: SEPOLIA,
      name: 'sepolia-like anvil',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [anvil.rpcUrl] } },
    })
    const funder = createWalletClient({
      chain,
      transport: http(anvil.rpcUrl),
      account: privateKeyToAccount(deployerKey),
    })
    const client = createPublicClient({ chain, transport: http(anvil.rpcUrl) })
    const send = async (hash: Promise<Hex>) =>
      expect((await client.waitForTransactionReceipt({ hash: await hash })).status).toBe('success')
    await send(
      funder.sendTransaction({ to: privateKeyToAccount(relayerKey).address, value: units('10') }),
    )
    const relayer: FastifyInstance = await createRelayerServer(
      await parseRelayerConfig({ ...raw, CIRCUITS_DIR: circuitsDir }),
      { logger: false },
    )
    await relayer.listen({ port: relayerPort, host: '127.0.0.1' })

    const receiverHome = join(work, 'receiver')
    const cli = (...args: string[]) =>
      runCli(['--home', receiverHome, '--deployment', deploymentFile, '--json', ...args], {
        env: { ZKPAY_PASSWORD: PASSWORD },
      })
    const created = await cli('init')
    expect(created.code, created.stderr).toBe(0)
    expect(created.stderr).toContain(DEV_KEYS_WARNING)
    const receiver = JSON.parse(created.stdout) as { address: string }

    const browser = await launchExtension(extension)
    try {
      const page = await browser.openPopup()
      await byTestId(page, 'screen-onboarding').waitFor()
      expect(await byTestId(page, 'dev-keys-warning').textContent()).toBe(DEV_KEYS_WARNING)
      await createWalletInPopup(page, password)
      const state = await browser.request(page, 'wallet.state')
      if (!state.ok) throw new Error(state.error.message)
      const publicAddress = state.data.publicAddress as Address
      const { token, pool } = json<{ token: Address; pool: Address }>(deploymentFile)
      await send(funder.sendTransaction({ to: publicAddress, value: units('1') }))
      await send(
        funder.writeContract({
          address: token,
          abi: testTokenAbi,
          functionName: 'mint',
          args: [publicAddress, units('20')],
        }),
      )

      await byTestId(page, 'sync-now').click()
      await waitForText(page, 'public-balance', '20')
      await byTestId(page, 'nav-shield').click()
      await byTestId(page, 'shield-amount').fill('20')
      await byTestId(page, 'shield-submit').click()
      await byTestId(page, 'tx-settled').waitFor({ timeout: 90_000 })
      await byTestId(page, 'tx-done').click()
      await waitForText(page, 'shielded-balance', '20')

      await byTestId(page, 'nav-send').click()
      await byTestId(page, 'send-to').fill(receiver.address)
      await byTestId(page, 'send-amount').fill('7')
      await byTestId(page, 'fee-amount').waitFor({ timeout: 30_000 })
      await confirmSend(page)
      await byTestId(page, 'tx-settled').waitFor({ timeout: 90_000 })
      const txHash = (await byTestId(page, 'tx-hash').textContent()) as Hex
      // Relayed: the relayer's account sent it, the wallet's public account did not.
      const tx = await client.getTransaction({ hash: txHash })
      expect(tx.from.toLowerCase()).toBe(privateKeyToAccount(relayerKey).address.toLowerCase())
      expect(tx.to?.toLowerCase()).toBe(pool.toLowerCase())

      const balance = await cli('balance')
      expect(balance.code, balance.stderr).toBe(0)
      expect(JSON.parse(balance.stdout)).toMatchObject({ shielded: '7' })
    } finally {
      await browser.close()
      await relayer.close()
    }
  }, 240_000)
})
