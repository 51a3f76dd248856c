import { createTestClient, type Hex, http, isAddressEqual, parseUnits, zeroAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shieldedPoolAbi } from '../../lib/contracts/artifacts.js'
import { RelayError } from '../../lib/errors.js'
import { toPoolProof } from '../../lib/pool/transactArgs.js'
import { createRelaySubmitter } from '../../lib/relayer/createRelaySubmitter.js'
import { getRelayerStatus } from '../../lib/relayer/getRelayerStatus.js'
import { circuitFee } from '../../lib/relayer/relayFee.js'
import { relayTransaction, toTransactRequestBody } from '../../lib/relayer/relayTransaction.js'
import type { RelayerStatus } from '../../lib/relayer/types.js'
import type { PreparedTransaction } from '../../lib/transaction/buildTransaction.js'
import { prepareTransfer, prepareUnshield } from '../../lib/transaction/prepare.js'
import type { PoolWallet } from '../../lib/wallet/createPoolWallet.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { newWallet } from '../helpers/wallets.js'
import {
  earned,
  FEE_FLAT,
  FEE_PER_GAS,
  post,
  type RelayerFixture,
  startRelayer,
} from './fixture.js'

const units = (amount: string) => parseUnits(amount, 18)
/** How a body with an own `__proto__` key is refused: by the JSON parser or the schema. */
const PROTO = /Body is not valid JSON|Unrecognized key: "__proto__"/

describe('relayer', () => {
  let chain: LocalChain
  let relayer: RelayerFixture
  let status: RelayerStatus
  let alice: PoolWallet
  let bob: PoolWallet
  const stopped: RelayerFixture[] = []

  beforeAll(async () => {
    chain = await startLocalChain()
    relayer = await startRelayer(chain)
    status = await getRelayerStatus(relayer.url)
    ;[alice, bob] = await Promise.all([newWallet(chain, units('100')), newWallet(chain)])
  })
  afterAll(async () => {
    for (const r of [relayer, ...stopped]) {
      await r?.stop()
      // No line any relayer wrote holds its key.
      for (const line of r?.logs ?? []) expect(line).not.toContain(r.privateKey.slice(2))
    }
    await chain?.stop()
  })

  /** Proves a transfer from Alice to Bob that pays this relayer. */
  async function provenTransfer(amount: bigint, overrides: { fee?: bigint } = {}) {
    await alice.sync()
    const prepared = await prepareTransfer({
      keys: alice.keys,
      state: alice.state,
      chainId: chain.deployment.chainId,
      to: bob.address,
      amount,
      fee: overrides.fee ?? circuitFee(status, 'tx1'),
      relayer: status.relayer,
    })
    return prove(prepared)
  }

  async function prove(prepared: PreparedTransaction) {
    const { proof, publicSignals } = await nodeProver.prove({
      circuit: prepared.circuit,
      input: prepared.input,
    })
    const params = { pool: chain.deployment.pool, proof, publicSignals, extData: prepared.extData }
    return { prepared, proof, params, body: toTransactRequestBody(params) }
  }

  it('tells its account, pools, gas balance, fee rule and quoted gas, signed', async () => {
    const response = await fetch(`${relayer.url}/status`)
    expect(response.status).toBe(200)
    const body = await response.json()
    const fee = { flat: FEE_FLAT.toString(), perGas: FEE_PER_GAS.toString() }
    const gasEstimate = { tx1: 600_000, tx2: 650_000, tx8: 900_000 }
    expect(body).toEqual({
      version: '1',
      chainId: 31337,
      relayer: relayer.address,
      pools: [
        {
          pool: chain.deployment.pool,
          token: chain.deployment.token,
          symbol: 'zUSD',
          decimals: 18,
        },
      ],
      fee,
      gasEstimate,
      gasBalance: (await chain.publicClient.getBalance({ address: relayer.address })).toString(),
      feeRule: { basis: 'fixed', gasPrice: expect.stringMatching(/^[1-9]\d*$/) },
      quote: {
        relayer: relayer.address,
        chainId: 31337,
        pools: [chain.deployment.pool],
        fee,
        gasEstimate,
        validUntil: expect.any(Number),
        signature: expect.stringMatching(/^0x[0-9a-f]{130}$/),
      },
    })
    // Valid for QUOTE_TTL_MS (2 minutes by default) from now.
    expect(body.quote.validUntil * 1000 - Date.now()).toBeGreaterThan(110_000)
    expect(body.quote.validUntil * 1000 - Date.now()).toBeLessThanOrEqual(120_000)
    expect(status.fee).toEqual({ flat: FEE_FLAT, perGas: FEE_PER_GAS })
    expect(status.gasBalance).toBeGreaterThan(0n)
  })

  it('relays a private payment: the relayer pays the gas and takes its fee in tokens', async () => {
    const { publicClient, deployment } = chain
    const alicePublic = alice.keys.account.address
    await alice.shield(units('50'))

    const relay = createRelaySubmitter(relayer.url)
    const fee = await relay.fee('tx1')
    expect(fee).toBe(FEE_FLAT + FEE_PER_GAS * 600_000n)
    const nonceBefore = await publicClient.getTransactionCount({ address: alicePublic })
    const relayerTokens = await earned(chain, relayer.address)
    const relayerNonce = await relayer.nonce()

    // The wallet quotes the fee for its circuit, proves, and hands the proof to the relayer.
    const result = await alice.pay(bob.address, units('12.5'), { memo: 'relayed', relay })
    expect(result.prepared.circuit).toBe('tx1')
    expect(result.prepared.extData).toMatchObject({ fee, relayer: relayer.address })
    expect(result.receipt?.amount).toBe(units('12.5'))

    const tx = await publicClient.getTransaction({ hash: result.txHash })
    expect(isAddressEqual(tx.from, relayer.address)).toBe(true)
    expect(tx.nonce).toBe(relayerNonce)
    const receipt = await publicClient.getTransactionReceipt({ hash: result.txHash })
    expect(receipt.status).toBe('success')
    expect(result.blockNumber).toBe(receipt.blockNumber)
    expect(result.gasUsed).toBe(receipt.gasUsed)
    // Alice's public account sent nothing: the payment does not link to it.
    expect(await publicClient.getTransactionCount({ address: alicePublic })).toBe(nonceBefore)
    expect(await earned(chain, relayer.address)).toBe(relayerTokens + fee)
    // The fee waits in the pool until the relayer takes it out, less 1 base unit kept.
    const owed = await publicClient.readContract({
      address: chain.deployment.pool,
      abi: shieldedPoolAbi,
      functionName: 'relayerFees',
      args: [relayer.address],
    })
    expect(owed).toBeGreaterThanOrEqual(fee)
    const relayerWallet = chain.walletClientFor(privateKeyToAccount(relayer.privateKey))
    const withdrawn = await publicClient.waitForTransactionReceipt({
      hash: await relayerWallet.writeContract({
        address: chain.deployment.pool,
        abi: shieldedPoolAbi,
        functionName: 'withdrawFees',
        args: [relayer.address],
      }),
    })
    expect(withdrawn.status).toBe('success')
    expect(await earned(chain, relayer.address)).toBe(relayerTokens + fee)
    expect(
      await publicClient.readContract({
        address: chain.deployment.pool,
        abi: shieldedPoolAbi,
        functionName: 'relayerFees',
        args: [relayer.address],
      }),
    ).toBe(1n)

    await bob.sync()
    expect(bob.balance()).toBe(units('12.5'))
    expect(bob.state.notes.find((n) => n.amount > 0n)).toMatchObject({
      memo: 'relayed',
      txHash: result.txHash,
    })
    await alice.sync()
    expect(alice.balance()).toBe(units('37.5') - fee)

    const line = relayer.logs.map((l) => JSON.parse(l)).find((l) => l.txHash === result.txHash)
    expect(line).toMatchObject({ msg: 'relay', outcome: 'relayed', pool: deployment.pool })
    expect(line.reqId).toBeTruthy()
    expect(line.latencyMs).toBeGreaterThanOrEqual(0)
    // No line says where a request came from (LOG_CLIENT_IP is off by default).
    expect(relayer.logs.some((l) => l.includes('"url":"/v1/transact"'))).toBe(true)
    const requestLines = relayer.logs.filter((l) => l.includes('"reqId"'))
    expect(requestLines.length).toBeGreaterThan(2)
    for (const l of requestLines) expect(l).not.toMatch(/127\.0\.0\.1|remoteAddress|remotePort/)
  })

  it('refuses each bad relay with its code and sends nothing', async () => {
    const good = await provenTransfer(units('1'))
    const cheap = await provenTransfer(units('1'), { fee: 1n })
    await alice.sync()
    const toNobody = await prove(
      await prepareUnshield({
        keys: alice.keys,
        state: alice.state,
        chainId: chain.deployment.chainId,
        recipient: zeroAddress,
        amount: units('1'),
        fee: circuitFee(status, 'tx1'),
        relayer: status.relayer,
      }),
    )
    const nonce = await relayer.nonce()
    const tokens = await earned(chain, relayer.address)
    const b = good.body
    const cases: [string, unknown, number, string, RegExp?][] = [
      ['not JSON', '{"pool":', 400, 'bad_request'],
      ['not an object', [], 400, 'bad_request', /body must be a JSON object/],
      ['no proof', { ...b, proof: undefined }, 400, 'bad_request', /proof/],
      [
        'a number as a number',
        { ...b, extData: { ...b.extData, fee: 5 } },
        400,
        'bad_request',
        /extData\.fee/,
      ],
      ['a bad address', { ...b, pool: '0x1234' }, 400, 'bad_request', /pool must be an address/],
      [
        'hex that is not bytes',
        { ...b, extData: { ...b.extData, encryptedOutput1: '0xabc' } },
        400,
        'bad_request',
      ],
      [
        'a shield',
        { ...b, extData: { ...b.extData, extAmount: '5' } },
        400,
        'bad_request',
        /shields/,
      ],
      [
        'too big',
        { ...b, extData: { ...b.extData, encryptedOutput1: `0x${'00'.repeat(40_000)}` } },
        413,
        'bad_request',
      ],
      ['another pool', { ...b, pool: chain.deployment.token }, 400, 'unsupported_pool'],
      [
        'another relayer',
        { ...b, extData: { ...b.extData, relayer: alice.keys.account.address } },
        400,
        'wrong_relayer',
      ],
      [
        'a fee not in the proof',
        { ...b, extData: { ...b.extData, fee: `${BigInt(b.extData.fee) + 1n}` } },
        400,
        'bad_request',
        /extDataHash/,
      ],
      [
        'a public amount not in extData',
        { ...b, publicSignals: replace(b.publicSignals, 3, '5') },
        400,
        'bad_request',
        /publicAmount/,
      ],
      [
        'a signal count of no circuit',
        { ...b, publicSignals: [...b.publicSignals, '1', '1'] },
        400,
        'bad_request',
        /entries/,
      ],
      [
        'an unknown batch root',
        { ...b, publicSignals: replace(b.publicSignals, 0, '12345') },
        409,
        'unknown_root',
        /batch root 12345/,
      ],
      [
        'an unknown first archive root',
        { ...b, publicSignals: replace(b.publicSignals, 1, '12345') },
        409,
        'unknown_root',
        /archive root 12345/,
      ],
      [
        'an unknown second archive root',
        { ...b, publicSignals: replace(b.publicSignals, 2, '12345') },
        409,
        'unknown_root',
        /archive root 12345/,
      ],
      [
        'a forged proof',
        { ...b, proof: { ...b.proof, a: b.proof.c, c: b.proof.a } },
        400,
        'invalid_proof',
      ],
      [
        'a proof off the curve',
        { ...b, proof: { ...b.proof, a: ['1', '1'] } },
        400,
        'invalid_proof',
      ],
      ['an unshield the pool refuses', toNobody.body, 422, 'reverted', /InvalidRecipient/],
      ['a fee below the rule', cheap.body, 402, 'fee_too_low', /required \d+/],
    ]
    for (const [what, body, statusCode, code, message] of cases) {
      const response = await post(relayer.url, body)
      expect({
        what,
        status: response.status,
        code: (response.body.error as { code: string })?.code,
      }).toEqual({
        what,
        status: statusCode,
        code,
      })
      if (message) expect((response.body.error as { message: string }).message).toMatch(message)
    }
    // The client throws the relayer's code and message.
    const refused = await relayTransaction(relayer.url, cheap.params).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(RelayError)
    expect(refused).toMatchObject({ code: 'fee_too_low', status: 402 })
    expect(await relayer.nonce()).toBe(nonce)
    expect(
      await chain.publicClient.getTransactionCount({
        address: relayer.address,
        blockTag: 'pending',
      }),
    ).toBe(nonce)
    expect(await earned(chain, relayer.address)).toBe(tokens)

    // None of that spent the note: the untampered relay lands, once.
    const landed = await relayTransaction(relayer.url, good.params)
    expect(await relayer.nonce()).toBe(nonce + 1)
    const again = await post(relayer.url, good.body)
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'nullifier_spent' } } })
    expect(landed.gasUsed).toBeGreaterThan(0n)
  })

  it('refuses an unknown key or a ciphertext of the wrong size as bad_request, and nothing changes on chain', async () => {
    const { prepared, params, body } = await provenTransfer(units('1'))
    const json = JSON.stringify(body)
    // Each key goes in as the raw JSON has it, so `__proto__` arrives as an own
    // key (what JSON.parse makes of it), not as the prototype. Fastify's parser
    // refuses such a body before the schema sees it (with its generic "not valid
    // JSON"); the schema would refuse it too (tests/relayer/wire.test.ts).
    const withKey = (where: 'top' | 'proof' | 'extData', key: string, value = '"1"') =>
      where === 'top'
        ? json.replace(/^\{/, `{"${key}":${value},`)
        : json.replace(`"${where}":{`, `"${where}":{"${key}":${value},`)
    const withCiphertext = (field: keyof typeof body.extData, value: string) =>
      JSON.stringify({ ...body, extData: { ...body.extData, [field]: value } })
    const {
      encryptedOutput1: out1,
      encryptedOutput2: out2,
      encryptedHistory: history,
    } = body.extData
    const cases: [string, string, RegExp][] = [
      ['an unknown top-level key', withKey('top', 'extra'), /^body .*"extra"/],
      ['an unknown key in proof', withKey('proof', 'extra'), /^proof .*"extra"/],
      ['an unknown key in extData', withKey('extData', 'memo'), /^extData .*"memo"/],
      ['constructor in extData', withKey('extData', 'constructor'), /constructor/],
      ['__proto__ at the top', withKey('top', '__proto__', '{"isAdmin":true}'), PROTO],
      ['__proto__ in proof', withKey('proof', '__proto__', '{"a":["0","0"]}'), PROTO],
      ['__proto__ in extData', withKey('extData', '__proto__', '{"fee":"0"}'), PROTO],
      [
        'an output of 180 bytes',
        withCiphertext('encryptedOutput1', `${out1}00`),
        /^extData\.encryptedOutput1 must be exactly 179 bytes/,
      ],
      [
        'an output of 30 kB',
        withCiphertext('encryptedOutput1', `${out1}${'00'.repeat(30_000 - 179)}`),
        /^extData\.encryptedOutput1 must be exactly 179 bytes/,
      ],
      [
        'an output of 178 bytes',
        withCiphertext('encryptedOutput2', out2.slice(0, -2)),
        /^extData\.encryptedOutput2 must be exactly 179 bytes/,
      ],
      [
        'a history of 166 bytes',
        withCiphertext('encryptedHistory', `${history}00`),
        /^extData\.encryptedHistory must be exactly 165 bytes/,
      ],
      [
        'a history of 164 bytes',
        withCiphertext('encryptedHistory', history.slice(0, -2)),
        /^extData\.encryptedHistory must be exactly 165 bytes/,
      ],
    ]
    const parsed = JSON.parse(withKey('top', '__proto__', '{"isAdmin":true}'))
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true)

    const before = await chainSnapshot(prepared.publicInputs.inputNullifiers)
    for (const [what, raw, message] of cases) {
      const response = await post(relayer.url, raw)
      const error = response.body.error as { code: string; message: string }
      expect({ what, status: response.status, code: error?.code }).toEqual({
        what,
        status: 400,
        code: 'bad_request',
      })
      expect({ what, message: error.message }).toEqual({
        what,
        message: expect.stringMatching(message),
      })
    }
    expect(await chainSnapshot(prepared.publicInputs.inputNullifiers)).toEqual(before)
    // Untampered, the same relay lands.
    await relayTransaction(relayer.url, params)
    expect(await relayer.nonce()).toBe(before.relayerNonce + 1)
  })

  /** What a refused relay must leave as it was: the relayer's account and the pool. */
  async function chainSnapshot(nullifiers: readonly bigint[]) {
    const { publicClient, deployment } = chain
    const read = (functionName: 'leafCount' | 'latestBatchRoot') =>
      publicClient.readContract({ address: deployment.pool, abi: shieldedPoolAbi, functionName })
    return {
      block: await publicClient.getBlockNumber({ cacheTime: 0 }),
      relayerNonce: await relayer.nonce(),
      relayerPendingNonce: await pendingNonce(relayer.address),
      relayerTokens: await earned(chain, relayer.address),
      poolTokens: await chain.tokenBalance(deployment.pool),
      leafCount: await read('leafCount'),
      latestBatchRoot: await read('latestBatchRoot'),
      spent: await Promise.all(
        nullifiers.map((n) =>
          publicClient.readContract({
            address: deployment.pool,
            abi: shieldedPoolAbi,
            functionName: 'nullifierHashes',
            args: [n],
          }),
        ),
      ),
    }
  }

  it('answers with the reason when its transaction reverts in the block', async () => {
    const { publicClient, deployment } = chain
    const testClient = createTestClient({
      chain: chain.chain,
      transport: http(chain.anvil.rpcUrl),
      mode: 'anvil',
    })
    const { prepared, params } = await provenTransfer(units('1'))
    const nonce = await relayer.nonce()
    await testClient.setAutomine(false)
    try {
      const relayed = relayTransaction(relayer.url, params).catch((e: unknown) => e)
      await until(async () => (await pendingNonce(relayer.address)) === nonce + 1)
      // The relay passed every check and waits in the pool. Alice now sends the
      // same transaction herself with a higher tip: it goes first in the block.
      const direct = await chain.walletClientFor(alice.keys.account).writeContract({
        address: deployment.pool,
        abi: shieldedPoolAbi,
        functionName: 'transact',
        args: [toPoolProof(prepared, params.proof), prepared.extData],
        gas: 2_000_000n,
        maxPriorityFeePerGas: 10n ** 11n,
        maxFeePerGas: 10n ** 12n,
      })
      await testClient.mine({ blocks: 1 })
      const error = await relayed
      expect(error).toBeInstanceOf(RelayError)
      expect(error).toMatchObject({ code: 'reverted', status: 422 })
      expect((error as RelayError).message).toMatch(/reverted on chain: NullifierSpent/)
      const [first, second] = [
        await publicClient.getTransactionReceipt({ hash: direct }),
        await publicClient.getTransactionReceipt({ hash: (await relayerTx(nonce)).hash }),
      ]
      expect(first).toMatchObject({ status: 'success', blockNumber: second.blockNumber })
      expect(second.status).toBe('reverted')
      expect(await relayer.nonce()).toBe(nonce + 1)
    } finally {
      await testClient.setAutomine(true)
    }
  })

  it('picks up after a restart: same account, the nonce carries on; a duplicate is sent once', async () => {
    const nonce = await relayer.nonce()
    await relayer.stop()
    stopped.push(relayer)
    relayer = await startRelayer(chain, { privateKey: relayer.privateKey })
    const { params } = await provenTransfer(units('1'))
    // The same relay twice at once: the second is refused before it costs gas.
    const outcomes = await Promise.allSettled([
      relayTransaction(relayer.url, params),
      relayTransaction(relayer.url, params),
    ])
    // Either may arrive first: exactly one lands, the other is refused.
    const landed = outcomes.filter((o) => o.status === 'fulfilled')
    const refused = outcomes.filter((o) => o.status === 'rejected')
    expect(landed).toHaveLength(1)
    expect(refused).toMatchObject([{ status: 'rejected', reason: { code: 'nullifier_spent' } }])
    const result = (
      landed[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof relayTransaction>>>
    ).value
    const tx = await chain.publicClient.getTransaction({ hash: result.txHash })
    expect(isAddressEqual(tx.from, relayer.address)).toBe(true)
    expect(tx.nonce).toBe(nonce)
    expect(await relayer.nonce()).toBe(nonce + 1)
  })

  it('rate-limits per client and fails cleanly when unreachable', async () => {
    const limited = await startRelayer(chain, { config: { RATE_LIMIT: '2' } })
    stopped.push(limited)
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${limited.url}/status`)).status)
    expect(statuses).toEqual([200, 200, 429])
    const response = await fetch(`${limited.url}/status`)
    expect(await response.json()).toMatchObject({ error: { code: 'rate_limited' } })
    await limited.stop()
    await expect(getRelayerStatus(limited.url)).rejects.toMatchObject({ code: 'relay_failed' })
  })

  it('redacts a key that reaches a log line', () => {
    relayer.server.log.info({ config: { privateKey: relayer.privateKey } }, 'oops')
    expect(relayer.logs.at(-1)).toContain('[redacted]')
  })

  /** The relayer's transaction with `nonce`, from the latest block's transactions. */
  async function relayerTx(nonce: number) {
    const block = await chain.publicClient.getBlock({ includeTransactions: true })
    const tx = block.transactions.find(
      (t) => isAddressEqual(t.from, relayer.address) && t.nonce === nonce,
    )
    if (!tx) throw new Error(`no relayer transaction with nonce ${nonce} in the latest block`)
    return tx
  }

  async function pendingNonce(address: Hex) {
    return chain.publicClient.getTransactionCount({ address, blockTag: 'pending' })
  }
})

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function replace<T>(items: readonly T[], index: number, value: T): T[] {
  return items.map((item, i) => (i === index ? value : item))
}
