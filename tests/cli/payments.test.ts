import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createTestClient, http, isAddressEqual, parseUnits } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeAddress } from '../../lib/address.js'
import { deriveKeys, generateMnemonic } from '../../lib/keys.js'
import {
  type CliResult,
  type CliWorld,
  FEE_FLAT,
  FEE_PER_GAS,
  type RunOptions,
  startCliWorld,
} from './cli.js'

const units = (amount: string) => parseUnits(amount, 18)
/** What the relayer charges for a one-input spend (600k quoted gas). */
const tx1Fee = FEE_FLAT + FEE_PER_GAS * 600_000n

type Balance = { shielded: string; public: string; units: { shielded: string; public: string } }

function ok(result: CliResult): CliResult {
  if (result.code !== 0) throw new Error(`CLI exited ${result.code}: ${result.stderr}`)
  return result
}

function json<T = Record<string, unknown>>(result: CliResult): T {
  return JSON.parse(ok(result).stdout) as T
}

/** A failure: non-zero exit, nothing on stdout, and one line `zkpay: …` on stderr. */
function expectOneLineError(result: CliResult, message: RegExp) {
  expect(result.code).not.toBe(0)
  expect(result.stdout).toBe('')
  expect(result.stderr).toMatch(/^zkpay: [^\n]+\n$/)
  expect(result.stderr).toMatch(message)
}

describe('zkpay CLI: shield, pay through the relayer, verify, unshield', () => {
  let world: CliWorld
  const aliceMnemonic = generateMnemonic()
  const aliceKeys = deriveKeys(aliceMnemonic)
  const aliceAddress = encodeAddress({
    ownerKey: aliceKeys.ownerKey,
    viewingPublicKey: aliceKeys.viewingKey.publicKey,
  })
  type Run = (args: string[], options?: RunOptions) => Promise<CliResult>
  let alice: Run
  let bob: Run
  let bobWallet: { mnemonic: string; address: string; account: `0x${string}` }
  let receiptFile: string

  beforeAll(async () => {
    world = await startCliWorld()
    await world.chain.fund(aliceKeys.account.address, units('1000'))
    const as =
      (name: string): Run =>
      (args, options) =>
        world.run(['--home', join(world.dir, name), ...args], options)
    alice = as('alice')
    bob = as('bob')
    receiptFile = join(world.dir, 'receipt.json')
  })
  afterAll(async () => {
    await world?.stop()
  })

  it('creates a wallet with init and restores one with import, in a 0600 keystore', async () => {
    bobWallet = json(await bob(['--json', 'init', '--relayer', world.relayerUrl]))
    expect(bobWallet.mnemonic.split(' ')).toHaveLength(12)
    expect(bobWallet.address).toMatch(/^zkpay1/)

    const imported = json(await alice(['--json', 'import'], { input: `${aliceMnemonic}\n` }))
    expect(imported).toMatchObject({ address: aliceAddress, account: aliceKeys.account.address })
    const keystore = join(world.dir, 'alice', 'keystore.json')
    expect((await stat(keystore)).mode & 0o777).toBe(0o600)
    // No two consecutive words of the phrase, in any layout. (A single word may
    // appear by chance: "dress" is in "address", and "salt" is a BIP-39 word.)
    const sealed = await readFile(keystore, 'utf8')
    const words = aliceMnemonic.split(' ')
    for (let i = 0; i + 1 < words.length; i++)
      expect(sealed).not.toMatch(new RegExp(`\\b${words[i]}\\W+${words[i + 1]}\\b`))
    expect(ok(await alice(['address'])).stdout).toBe(`${aliceAddress}\n`)

    // A second init would overwrite the wallet: refused, and the keystore stays.
    const before = await readFile(keystore, 'utf8')
    expectOneLineError(await alice(['init']), /already holds a wallet/)
    expect(await readFile(keystore, 'utf8')).toBe(before)
  })

  it('shields public tokens and shows both balances', async () => {
    const shielded = ok(await alice(['shield', '100']))
    expect(shielded.stdout).toContain('shielded 100 zUSD in tx 0x')
    const balance = json<Balance>(await alice(['--json', 'balance']))
    expect(balance).toMatchObject({ shielded: '100', public: '900', symbol: 'zUSD' })
    expect(await world.chain.tokenBalance(aliceKeys.account.address)).toBe(units('900'))
  })

  it('pays through the relayer and prints a receipt; the public account sends nothing', async () => {
    const { publicClient } = world.chain
    const nonce = await publicClient.getTransactionCount({ address: aliceKeys.account.address })
    const paid = ok(
      await alice([
        'pay',
        bobWallet.address,
        '12.5',
        '--memo',
        'order 42',
        '--relayer',
        world.relayerUrl,
        '--receipt-out',
        receiptFile,
      ]),
    )
    expect(paid.stderr).toContain('proving')
    expect(paid.stderr).toContain('submitting')
    const receipt = JSON.parse(paid.stdout)
    expect(receipt).toMatchObject({
      version: 2,
      amount: units('12.5').toString(),
      memo: 'order 42',
    })
    expect(JSON.parse(await readFile(receiptFile, 'utf8'))).toEqual(receipt)

    const tx = await publicClient.getTransaction({ hash: receipt.txHash })
    expect(isAddressEqual(tx.from, world.relayerAddress)).toBe(true)
    expect(await publicClient.getTransactionCount({ address: aliceKeys.account.address })).toBe(
      nonce,
    )
    const balance = json<Balance>(await alice(['--json', 'balance']))
    expect(BigInt(balance.units.shielded)).toBe(units('87.5') - tx1Fee)
  })

  it("syncs the payee's wallet, which finds the payment and its memo", async () => {
    const synced = ok(await bob(['sync']))
    expect(synced.stdout).toMatch(
      /^synced blocks \d+–\d+: 1 note received, 0 spent; shielded balance 12.5 zUSD\n$/,
    )
    expect(json<Balance>(await bob(['--json', 'balance'])).shielded).toBe('12.5')
  })

  it('verifies the receipt in the payee wallet and rejects it in the payer wallet', async () => {
    const valid = ok(await bob(['verify-receipt', receiptFile]))
    expect(valid.stdout).toMatch(
      /^valid: 12\.5 zUSD received in tx 0x[0-9a-f]{64} \(block \d+, \d+ confirmations?\), payer's memo "order 42"\n$/,
    )
    const checked = json(await bob(['--json', 'verify-receipt', receiptFile]))
    expect(checked).toMatchObject({ valid: true, amount: '12.5', memo: 'order 42' })
    expectOneLineError(
      await alice(['verify-receipt', receiptFile]),
      /does not open this commitment for your address/,
    )
    expectOneLineError(
      await bob(['verify-receipt', receiptFile, '--min-confirmations', '1000']),
      /fewer than 1000/,
    )
  })

  it('unshields to a public address through the default relayer', async () => {
    // Bob's init stored the relayer as his default: no --relayer needed.
    const out = ok(await bob(['unshield', bobWallet.account, '5']))
    expect(out.stdout).toContain(`unshielded 5 zUSD to ${bobWallet.account}`)
    expect(out.stdout).toContain('relayer fee 0.0016 zUSD')
    expect(await world.chain.tokenBalance(bobWallet.account)).toBe(units('5'))
    const balance = json<Balance>(await bob(['--json', 'balance']))
    expect(BigInt(balance.units.shielded)).toBe(units('7.5') - tx1Fee)
    expect(balance.public).toBe('5')
  })

  it('lists the history with memos and transactions', async () => {
    const { entries } = json<{ entries: { event: string; amount: string; memo: string }[] }>(
      await bob(['--json', 'history']),
    )
    // One entry per transaction: the change of the unshield is not "received".
    expect(entries.map((e) => [e.event, e.amount, e.memo])).toEqual([
      ['received', '12.5', 'order 42'],
      ['unshielded', '5', ''],
    ])
    expect(ok(await bob(['history'])).stdout).toContain('"order 42"')
  })

  it('watches a wallet from its full viewing key: same balance and history, every spend refused', async () => {
    const { viewingKey } = json<{ viewingKey: string }>(await bob(['--json', 'viewing-key']))
    expect(viewingKey).toMatch(/^zkpayview1/)
    const watch = (args: string[], options?: RunOptions) =>
      world.run(['--home', join(world.dir, 'bob-watch'), ...args], options)
    const imported = json<{ address: string }>(
      await watch(['--json', 'import', '--view-only'], { input: `${viewingKey}\n` }),
    )
    expect(imported.address).toBe(bobWallet.address)
    const watched = json<Balance>(await watch(['--json', 'balance']))
    const own = json<Balance>(await bob(['--json', 'balance']))
    expect(watched.units.shielded).toBe(own.units.shielded)
    // It sees the spend (the unshield) as well as the payment received.
    expect(json(await watch(['--json', 'history'])).entries).toEqual(
      json(await bob(['--json', 'history'])).entries,
    )
    expectOneLineError(
      await watch(['pay', aliceAddress, '1', '--relayer', world.relayerUrl]),
      /only watches/,
    )
  })

  it('merges two notes into one through the relayer', async () => {
    ok(await alice(['shield', '1', '--memo', 'top-up']))
    const merged = ok(await alice(['merge', '--relayer', world.relayerUrl]))
    expect(merged.stdout).toContain('merged 2 notes')
    const balance = json<Balance & { notes: number }>(await alice(['--json', 'balance']))
    expect(balance.notes).toBe(1)
  })

  it('pays a contact by name and a zkpay: request, with its amount and memo', async () => {
    ok(await alice(['contacts', 'add', 'Bob', bobWallet.address]))
    const listed = json<{ name: string; address: string }[]>(await alice(['--json', 'contacts']))
    expect(listed).toEqual([{ name: 'Bob', address: bobWallet.address }])
    const exported = join(world.dir, 'contacts.json')
    ok(await alice(['contacts', 'export', '--out', exported]))
    const imported = json<{ added: number }>(await bob(['--json', 'contacts', 'import', exported]))
    expect(imported.added).toBe(1)

    const { uri } = json<{ uri: string }>(
      await bob(['--json', 'request', '--amount', '0.25', '--memo', 'coffee', '--label', 'Bob']),
    )
    expect(uri).toMatch(/^zkpay:zkpay1/)
    expect(uri).toContain('amount=0.25')
    // A request names its amount: giving another one is refused.
    expectOneLineError(await alice(['pay', uri, '1']), /request names its amount/)
    const before = BigInt(json<Balance>(await bob(['--json', 'balance'])).units.shielded)
    ok(await alice(['pay', uri, '--relayer', world.relayerUrl]))
    ok(await alice(['pay', 'bob', '0.5', '--relayer', world.relayerUrl]))
    ok(await bob(['sync']))
    const after = BigInt(json<Balance>(await bob(['--json', 'balance'])).units.shielded)
    expect(after - before).toBe(units('0.75'))
    const { entries } = json<{ entries: { event: string; memo: string }[] }>(
      await bob(['--json', 'history']),
    )
    expect(entries.some((e) => e.event === 'received' && e.memo === 'coffee')).toBe(true)
    ok(await alice(['contacts', 'remove', 'Bob']))
    expect(json<unknown[]>(await alice(['--json', 'contacts']))).toEqual([])
  })

  it('refuses bad arguments with one line and changes nothing', async () => {
    const before = json<Balance>(await alice(['--json', 'balance']))
    const pool = await world.chain.tokenBalance(world.chain.deployment.pool)
    const tokens = await world.chain.tokenBalance(aliceKeys.account.address)
    const cases: [string[], RegExp, RunOptions?][] = [
      [['pay', 'zkpay1qqqq', '1'], /address has 10 characters/],
      [['pay', bobWallet.account, '1'], /Ethereum address, not a shielded/],
      [['pay', bobWallet.address, '1.0000000000000000001'], /at most 18 decimal places/],
      [['pay', bobWallet.address, '-1'], /cannot be negative/],
      [['pay', bobWallet.address, '0'], /more than zero/],
      [['pay', bobWallet.address, '1', '--memo', 'x'.repeat(65)], /memo is too long/],
      [['pay', bobWallet.address, '1000'], /Not enough shielded balance/],
      [['pay', bobWallet.address, '1'], /Wrong password/, { env: { ZKPAY_PASSWORD: 'wrong one' } }],
      [['pay', bobWallet.address, '1'], /password is needed/, { env: { ZKPAY_PASSWORD: '' } }],
      [['unshield', '0x12345', '1'], /not an Ethereum address/],
      [['unshield', bobWallet.address, '1'], /shielded address; an Ethereum 0x/],
      [['shield', '5000'], /holds only 899 zUSD/],
      [['pay', bobWallet.address, '1', '--relayer', 'ftp://x'], /must be an http\(s\) URL/],
      [['--rpc', 'http://127.0.0.1:9', 'balance'], /Cannot reach the chain/],
      [['blance'], /unknown command 'blance'/],
      [['pay', bobWallet.address], /Give the amount/],
      [['pay', 'nobody-known', '1'], /neither a zkpay1… address, a contact/],
      [['pay', `zkpay:${bobWallet.address}?chain=1`, '1'], /request is for chain 1/],
    ]
    for (const [args, message, options] of cases)
      expectOneLineError(await alice(args, options), message)
    expectOneLineError(
      await world.run(['--home', join(world.dir, 'nobody'), 'balance']),
      /No wallet in .*nobody/,
    )

    expect(json<Balance>(await alice(['--json', 'balance']))).toEqual(before)
    expect(await world.chain.tokenBalance(world.chain.deployment.pool)).toBe(pool)
    expect(await world.chain.tokenBalance(aliceKeys.account.address)).toBe(tokens)
  })

  it('rebuilds everything from the chain when the cache is gone or wrong', async () => {
    const before = json<Balance>(await bob(['--json', 'balance']))
    const cacheDir = join(world.dir, 'bob', 'cache')
    const [file] = await readdir(cacheDir)
    const cachePath = join(cacheDir, file!)
    const cached = JSON.parse(await readFile(cachePath, 'utf8'))
    expect(BigInt(cached.state.syncedBlock)).toBeGreaterThan(0n)

    await rm(cacheDir, { recursive: true })
    expect(json<Balance>(await bob(['--json', 'balance']))).toEqual(before)
    expect((await stat(cachePath)).mode & 0o777).toBe(0o600)

    // A cache whose tree disagrees with the pool is dropped at the next sync with new blocks.
    cached.state.tree.upper[0][0][0] = '0x1'
    cached.state.notes = []
    await writeFile(cachePath, JSON.stringify(cached))
    const testClient = createTestClient({
      chain: world.chain.chain,
      transport: http(world.chain.anvil.rpcUrl),
      mode: 'anvil',
    })
    await testClient.mine({ blocks: 1 })
    const rebuilt = await bob(['--json', 'balance'])
    expect(JSON.parse(ok(rebuilt).stdout).shielded).toBe(before.shielded)
    expect(rebuilt.stderr).toContain('rescanning')
  })
})
