import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ctr } from '@noble/ciphers/aes.js'
import { scrypt } from '@noble/hashes/scrypt.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js'
import { createPublicClient, http } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEV_KEYS_WARNING } from '../../lib/deploymentFile.js'
import { type Anvil, startAnvil } from '../../lib/node/anvil.js'
import { devAccount } from '../../lib/node/devAccounts.js'
import { launchExtension } from './helpers/extension.js'
import { byTestId } from './helpers/popup.js'
import { giveGas, runScript as run } from './helpers/scripts.js'

// Deploying somewhere that is not the local chain, as an operator would: an
// anvil that calls itself Sepolia (11155111), the deploy script with its key
// from the environment or a keystore, the extension built for the file it
// writes, and the CLI reading it.

const SEPOLIA = 11155111

/** A version-3 keystore of `key` (scrypt, AES-128-CTR, keccak MAC), as geth writes them. */
function keystoreOf(key: `0x${string}`, password: string): string {
  const salt = randomBytes(32)
  const iv = randomBytes(16)
  const dk = scrypt(new TextEncoder().encode(password), salt, { N: 1024, r: 8, p: 1, dkLen: 32 })
  const ciphertext = ctr(dk.subarray(0, 16), iv).encrypt(Buffer.from(key.slice(2), 'hex'))
  const mac = keccak_256(new Uint8Array([...dk.subarray(16, 32), ...ciphertext]))
  return JSON.stringify({
    version: 3,
    id: '00000000-0000-4000-8000-000000000000',
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: bytesToHex(iv) },
      ciphertext: bytesToHex(ciphertext),
      kdf: 'scrypt',
      kdfparams: { n: 1024, r: 8, p: 1, dklen: 32, salt: bytesToHex(salt) },
      mac: bytesToHex(mac),
    },
  })
}

describe('a deployment beyond the local chain', () => {
  let anvil: Anvil
  let dir: string
  const deployerKey = bytesToHex(devAccount(3).getHdKey().privateKey!)

  beforeAll(async () => {
    anvil = await startAnvil({ chainId: SEPOLIA })
    dir = mkdtempSync(join(tmpdir(), 'zkpay-deploy-'))
  })
  afterAll(async () => {
    await anvil?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const base = () => [
    'scripts/deploy.ts',
    '--rpc',
    anvil.rpcUrl,
    '--chain-id',
    String(SEPOLIA),
    '--relayer',
    'https://relay-a.example.org',
    '--relayer',
    'http://relay-b.example.net:8547',
    '--indexer',
    'https://index.example.org',
  ]
  const client = () => createPublicClient({ transport: http(anvil.rpcUrl) })

  it('refuses development keys off the local chain, keys on the command line, a wrong chain id, and no key', async () => {
    const out = join(dir, 'refused.json')
    const devKeys = await run([...base(), '--out', out], {
      DEPLOYER_PRIVATE_KEY: `0x${deployerKey}`,
    })
    expect(devKeys.code).not.toBe(0)
    expect(devKeys.stderr).toMatch(
      /Refusing to deploy development-setup verifiers on chain 11155111/,
    )
    const onArgv = await run([
      ...base(),
      '--insecure-dev-keys',
      '--key',
      `0x${deployerKey}`,
      '--out',
      out,
    ])
    expect(onArgv.stderr).toMatch(/command line/)
    const wrongChain = await run(
      [
        'scripts/deploy.ts',
        '--rpc',
        anvil.rpcUrl,
        '--chain-id',
        '1',
        '--insecure-dev-keys',
        '--out',
        out,
      ],
      { DEPLOYER_PRIVATE_KEY: `0x${deployerKey}` },
    )
    expect(wrongChain.stderr).toMatch(/--chain-id is 1 but .* is on chain 11155111/)
    const noKey = await run([...base(), '--insecure-dev-keys', '--out', out], {
      DEPLOYER_PRIVATE_KEY: '',
    })
    expect(noKey.stderr).toMatch(/No deployer key/)
    expect(existsSync(out)).toBe(false)
    // Nothing was sent: the deployer's nonce is still 0.
    expect(await client().getTransactionCount({ address: devAccount(3).address })).toBe(0)
  }, 120_000)

  it('deploys from a keystore with --insecure-dev-keys, records it, and the CLI warns', async () => {
    const key = generatePrivateKey()
    const account = privateKeyToAccount(key)
    await giveGas(anvil.rpcUrl, account.address)
    const keystore = join(dir, 'deployer.json')
    writeFileSync(keystore, keystoreOf(key, 'operator password'))
    const out = join(dir, `${SEPOLIA}.json`)
    const wrongPassword = await run(
      [...base(), '--insecure-dev-keys', '--keystore', keystore, '--out', out],
      { DEPLOYER_KEYSTORE_PASSWORD: 'nope' },
    )
    expect(wrongPassword.stderr).toMatch(/Wrong keystore password/)
    const deployed = await run(
      [...base(), '--insecure-dev-keys', '--keystore', keystore, '--out', out],
      {
        DEPLOYER_KEYSTORE_PASSWORD: 'operator password',
      },
    )
    expect(deployed.code, deployed.stderr).toBe(0)
    const file = JSON.parse(readFileSync(out, 'utf8'))
    expect(file).toMatchObject({
      chainId: SEPOLIA,
      insecureDevKeys: true,
      setup: { kind: 'development' },
      rpcUrl: anvil.rpcUrl,
      relayers: ['https://relay-a.example.org', 'http://relay-b.example.net:8547'],
      indexer: 'https://index.example.org',
    })
    expect(await client().getCode({ address: file.pool })).toMatch(/^0x[0-9a-f]{100,}/)
    expect(await client().getTransactionCount({ address: account.address })).toBeGreaterThan(0)

    const home = join(dir, 'home')
    const status = await run([
      'cli/main.ts',
      '--home',
      home,
      '--deployment',
      out,
      '--json',
      'status',
    ])
    expect(status.code, status.stderr).toBe(0)
    expect(status.stderr).toContain(DEV_KEYS_WARNING)
    expect(JSON.parse(status.stdout)).toMatchObject({
      chainId: SEPOLIA,
      pool: file.pool,
      leaves: '0',
      setup: 'development',
      insecureDevKeys: true,
    })
  }, 180_000)

  it('builds the extension for the file: its hosts only, its pool, and the warning on every screen', async () => {
    const file = join(dir, `${SEPOLIA}.json`)
    const outDir = join(dir, 'extension')
    const built = await run(['scripts/build-extension.ts', '--deployment', file, '--out', outDir])
    expect(built.code, built.stderr).toBe(0)
    const extension = join(outDir, 'chrome-mv3')
    const manifest = JSON.parse(readFileSync(join(extension, 'manifest.json'), 'utf8'))
    expect([...manifest.host_permissions].sort()).toEqual(
      [
        'http://127.0.0.1/*',
        'https://relay-a.example.org/*',
        'http://relay-b.example.net/*',
        'https://index.example.org/*',
      ].sort(),
    )
    const pool = JSON.parse(readFileSync(file, 'utf8')).pool as string
    const background = readFileSync(join(extension, 'background.js'), 'utf8')
    expect(background.toLowerCase()).toContain(pool.slice(2).toLowerCase())

    const browser = await launchExtension(extension)
    try {
      const popup = await browser.openPopup()
      await byTestId(popup, 'screen-onboarding').waitFor()
      expect(await byTestId(popup, 'dev-keys-warning').textContent()).toBe(DEV_KEYS_WARNING)
      const state = await browser.request(popup, 'wallet.state')
      expect(state.ok && state.data.settings.relayerUrls).toEqual([
        'https://relay-a.example.org',
        'http://relay-b.example.net:8547',
      ])
      expect(state.ok && state.data.settings.rpcUrl).toBe(anvil.rpcUrl)
    } finally {
      await browser.close()
    }
  }, 240_000)
})
