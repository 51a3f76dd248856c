import { createTestClient, http, parseGwei, parseUnits } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RelayError } from '../../lib/errors.js'
import { getRelayerStatus } from '../../lib/relayer/getRelayerStatus.js'
import { quoteDomain, quoteTypes, toQuoteMessage } from '../../lib/relayer/quoteTypedData.js'
import { circuitFee } from '../../lib/relayer/relayFee.js'
import { toTransactRequestBody } from '../../lib/relayer/relayTransaction.js'
import type { RelayerQuote, RelayerStatus } from '../../lib/relayer/types.js'
import { verifyRelayerQuote } from '../../lib/relayer/verifyQuote.js'
import { prepareTransfer } from '../../lib/transaction/prepare.js'
import type { PoolWallet } from '../../lib/wallet/createPoolWallet.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { newWallet } from '../helpers/wallets.js'
import { earned, post, type RelayerFixture, startRelayer } from './fixture.js'

const units = (amount: string) => parseUnits(amount, 18)

describe('relayer fees: derived from the gas price, signed quotes, no free relays', () => {
  let chain: LocalChain
  // Started with no fee settings at all: its fee follows the gas price.
  let relayer: RelayerFixture
  let alice: PoolWallet
  let bob: PoolWallet

  beforeAll(async () => {
    chain = await startLocalChain()
    relayer = await startRelayer(chain, {
      config: { FEE_FLAT: undefined, FEE_PER_GAS: undefined },
    })
    ;[alice, bob] = await Promise.all([newWallet(chain, units('100')), newWallet(chain)])
    await alice.shield(units('50'))
  })
  afterAll(async () => {
    await relayer?.stop()
    await chain?.stop()
  })

  async function provenTransfer(status: RelayerStatus, fee = circuitFee(status, 'tx1')) {
    await alice.sync()
    const prepared = await prepareTransfer({
      keys: alice.keys,
      state: alice.state,
      chainId: chain.deployment.chainId,
      to: bob.address,
      amount: units('1'),
      fee,
      relayer: status.relayer,
    })
    const { proof, publicSignals } = await nodeProver.prove({
      circuit: prepared.circuit,
      input: prepared.input,
    })
    return toTransactRequestBody({
      pool: chain.deployment.pool,
      proof,
      publicSignals,
      extData: prepared.extData,
    })
  }

  it('ships with a non-zero fee from the gas price, and says so in /status', async () => {
    const status = await getRelayerStatus(relayer.url)
    const gasPrice = await chain.publicClient.getGasPrice()
    expect(status.feeRule).toEqual({
      basis: 'gasPrice',
      gasPrice: gasPrice.toString(),
      gasPriceFactor: '2',
    })
    expect(status.fee).toEqual({ flat: 0n, perGas: 2n * gasPrice })
    expect(circuitFee(status, 'tx1')).toBeGreaterThan(0n)
  })

  it('signs its quote with its own account; a changed, foreign or expired quote is refused', async () => {
    const { quote, relayer: address } = await getRelayerStatus(relayer.url)
    const expected = { relayer: address, chainId: 31337 }
    await expect(verifyRelayerQuote(quote, expected)).resolves.toBeUndefined()

    const refusal = (q: RelayerQuote, e: Parameters<typeof verifyRelayerQuote>[1] = expected) =>
      verifyRelayerQuote(q, e).then(
        () => expect.fail('accepted'),
        (error: unknown) => {
          expect(error).toBeInstanceOf(RelayError)
          expect(error).toMatchObject({ code: 'quote_invalid' })
          return (error as RelayError).shortMessage
        },
      )
    const cheaper = { ...quote, fee: { ...quote.fee, perGas: '1' } }
    expect(await refusal(cheaper)).toMatch(/not signed by the relayer/)
    // Signed, but by someone else than the account the relay would pay.
    const other = privateKeyToAccount(generatePrivateKey())
    const forged = {
      ...quote,
      relayer: other.address,
      signature: await other.signTypedData({
        domain: quoteDomain(31337),
        types: quoteTypes,
        primaryType: 'Quote',
        message: toQuoteMessage({ ...quote, relayer: other.address }),
      }),
    }
    expect(await refusal(forged)).toMatch(/another account than the relayer/)
    expect(await refusal(quote, { ...expected, chainId: 1 })).toMatch(/for chain 31337/)
    expect(await refusal(quote, { ...expected, now: quote.validUntil * 1000 })).toMatch(/expired/)
  })

  it('honours its quote until it expires, even once the gas price has risen', async () => {
    const status = await getRelayerStatus(relayer.url)
    const body = await provenTransfer(status)
    // The chain's gas price goes up tenfold after the quote.
    const testClient = createTestClient({
      chain: chain.chain,
      transport: http(chain.anvil.rpcUrl),
      mode: 'anvil',
    })
    const before = await chain.publicClient.getGasPrice()
    await testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: before * 10n + parseGwei('1') })
    await testClient.mine({ blocks: 1 })
    await new Promise((r) => setTimeout(r, 1_100)) // the relayer reads the gas price once a second
    const risen = await getRelayerStatus(relayer.url)
    expect(risen.fee.perGas).toBeGreaterThan(status.fee.perGas * 5n)

    // Without its quote the fee is too low now; with it, the relay lands.
    const bare = await post(relayer.url, body)
    expect(bare).toMatchObject({ status: 402, body: { error: { code: 'fee_too_low' } } })
    const tokens = await earned(chain, relayer.address)
    const quoted = await post(relayer.url, { ...body, quote: status.quote })
    expect(quoted.status).toBe(200)
    expect(await earned(chain, relayer.address)).toBe(tokens + circuitFee(status, 'tx1'))
  })

  it('refuses a relay carrying a quote it did not sign, and one with no fee, before any gas', async () => {
    const status = await getRelayerStatus(relayer.url)
    const body = await provenTransfer(status)
    const nonce = await relayer.nonce()
    const tampered = { ...status.quote, fee: { ...status.quote.fee, perGas: '0' } }
    expect(await post(relayer.url, { ...body, quote: tampered })).toMatchObject({
      status: 400,
      body: { error: { code: 'quote_invalid' } },
    })
    const free = { ...body, extData: { ...body.extData, fee: '0' } }
    const refused = await post(relayer.url, free)
    expect(refused).toMatchObject({ status: 402, body: { error: { code: 'fee_too_low' } } })
    expect((refused.body.error as { message: string }).message).toMatch(/value-less/)
    // An unknown key next to the quote is still refused: the body stays strict.
    expect(
      await post(relayer.url, { ...body, quote: { ...status.quote, discount: '1' } }),
    ).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } })
    expect(await relayer.nonce()).toBe(nonce)
  })

  it('refuses a transaction whose simulated gas passes the quote, whatever fee it offers', async () => {
    const tight = await startRelayer(chain, { config: { GAS_ESTIMATE_TX1: '200000' } })
    try {
      const status = await getRelayerStatus(tight.url)
      const body = await provenTransfer(status, units('1'))
      const nonce = await tight.nonce()
      const refused = await post(tight.url, body)
      expect(refused).toMatchObject({ status: 422, body: { error: { code: 'gas_over_quote' } } })
      expect((refused.body.error as { message: string }).message).toMatch(
        /more than the 200000 quoted for tx1/,
      )
      expect(await tight.nonce()).toBe(nonce)
    } finally {
      await tight.stop()
    }
  })
})
