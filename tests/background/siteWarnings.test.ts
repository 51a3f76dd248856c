import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { phishingMatch } from '../../background/provider/phishingList.js'
import { type LocalChain, startLocalChain } from '../helpers/localChain.js'
import { nodeProver } from '../helpers/prover.js'
import { openBackground } from './harness.js'
import { codeOf, resultOf, siteClient } from './siteClient.js'
import { openWindowOf, until } from './waitFor.js'

// The approval view's site warnings (lib/siteSafety.ts): a site never seen,
// an origin that is not https (nor this computer), and one on the phishing
// list eth-phishing-detect bundles. Driven as the content script and the
// approval window drive the background; no proofs.

const password = 'correct horse battery'

let chain: LocalChain
let alice: ReturnType<typeof openBackground>

/** Asks `method` from `origin`, and returns the warnings its window shows and its request id. */
async function ask(origin: string, method = 'zkpay_connect', params?: unknown) {
  const answer = siteClient(alice.background, origin).request(method, params)
  const id = await openWindowOf(alice)
  const view = await alice.send('approval.get', { id })
  expect(view.origin).toBe(origin)
  return { id, answer, warnings: view.warnings }
}

async function decide(id: string, approve: boolean) {
  await alice.send('approval.decide', { id, approve })
  await until(() => alice.windows.urls().length === 0)
}

const allowance = () => ({ token: chain.deployment.token, amount: '1', period: 'day' })

beforeAll(async () => {
  chain = await startLocalChain()
  alice = openBackground(chain, { prover: nodeProver })
  await alice.send('wallet.create', { password })
})

afterAll(async () => {
  await chain?.stop()
})

describe('phishingList (eth-phishing-detect, bundled list)', () => {
  it('names listed hosts and their subdomains, lookalikes of imitated sites, and nothing else', () => {
    expect(phishingMatch('https://bscbnb.vip')).toEqual({ kind: 'listed' })
    expect(phishingMatch('http://app.BSCBNB.vip:8080')).toEqual({ kind: 'listed' })
    expect(phishingMatch('https://opensae.io')).toEqual({ kind: 'lookalike', of: 'opensea.io' })
    expect(phishingMatch('https://metamask.io')).toBe(false)
    expect(phishingMatch('https://shop.example')).toBe(false)
    expect(phishingMatch('http://127.0.0.1:8550')).toBe(false)
    expect(phishingMatch('http://localhost:3000')).toBe(false)
    expect(phishingMatch('not an origin')).toBe(false)
  })
})

describe('the approval view warns', () => {
  it('of a site never seen, and still after it was rejected', async () => {
    const origin = 'https://never-seen.example'
    const first = await ask(origin)
    expect(first.warnings).toEqual([{ kind: 'new_site' }])
    await decide(first.id, false)
    expect(codeOf(await first.answer)).toBe(4001)
    const again = await ask(origin)
    expect(again.warnings).toEqual([{ kind: 'new_site' }])
    await decide(again.id, false)
    expect(codeOf(await again.answer)).toBe(4001)
  })

  it('no more once the site is connected; after a disconnect its approved connect still counts', async () => {
    const origin = 'http://127.0.0.1:8570' // plain http to this computer: no insecure warning
    const connect = await ask(origin)
    expect(connect.warnings).toEqual([{ kind: 'new_site' }])
    await decide(connect.id, true)
    resultOf(await connect.answer)

    const asked = await ask(origin, 'zkpay_requestAllowance', allowance())
    expect(asked.warnings).toEqual([])
    await decide(asked.id, false)
    expect(codeOf(await asked.answer)).toBe(4001)

    // Another port is another origin: new.
    const other = await ask('http://127.0.0.1:8571')
    expect(other.warnings).toEqual([{ kind: 'new_site' }])
    await decide(other.id, false)

    await alice.send('sites.disconnect', { origin })
    const back = await ask(origin)
    expect(back.warnings).toEqual([])
    await decide(back.id, false)
  })

  it('no more for a site a payment in the history was for', async () => {
    const origin = 'https://paid-before.example'
    await alice.db.activity.put({
      id: 'paid-before',
      kind: 'send',
      status: 'settled',
      amount: '1',
      symbol: 'zUSD',
      decimals: 18,
      site: origin,
      createdAt: Date.now() - 86_400_000,
      updatedAt: Date.now() - 86_400_000,
    })
    const { id, warnings } = await ask(origin)
    expect(warnings).toEqual([])
    await decide(id, false)
    // A payment for another site does not count.
    const other = await ask('https://paid-never.example')
    expect(other.warnings).toEqual([{ kind: 'new_site' }])
    await decide(other.id, false)
  })

  it('of plain http to another computer, before and after it connects', async () => {
    const origin = 'http://shop.example:8080'
    const connect = await ask(origin)
    expect(connect.warnings).toEqual([
      { kind: 'insecure_origin', scheme: 'http' },
      { kind: 'new_site' },
    ])
    await decide(connect.id, true)
    resultOf(await connect.answer)
    const asked = await ask(origin, 'zkpay_requestAllowance', allowance())
    expect(asked.warnings).toEqual([{ kind: 'insecure_origin', scheme: 'http' }])
    await decide(asked.id, false)
    await alice.send('sites.disconnect', { origin })
  })

  it('of a site on the phishing list, first, and of a lookalike of an imitated one', async () => {
    const listed = await ask('http://wallet.bscbnb.vip')
    expect(listed.warnings).toEqual([
      { kind: 'phishing', match: { kind: 'listed' } },
      { kind: 'insecure_origin', scheme: 'http' },
      { kind: 'new_site' },
    ])
    await decide(listed.id, false)
    const lookalike = await ask('https://opensae.io')
    expect(lookalike.warnings).toEqual([
      { kind: 'phishing', match: { kind: 'lookalike', of: 'opensea.io' } },
      { kind: 'new_site' },
    ])
    await decide(lookalike.id, false)
  })

  it('while the wallet is locked too (the window shows them above the password)', async () => {
    await alice.send('wallet.lock')
    const { id, warnings } = await ask('https://bscbnb.vip')
    expect((await alice.send('wallet.state')).locked).toBe(true)
    expect(warnings).toEqual([
      { kind: 'phishing', match: { kind: 'listed' } },
      { kind: 'new_site' },
    ])
    await decide(id, false)
    await alice.send('wallet.unlock', { password })
  })
})
