import type { Page } from 'playwright-core'
import type { WalletState } from '../../../background/messages.js'

/** What the fake background starts from and how it answers. */
export type FakeBackgroundConfig = {
  address: string
  publicAddress: `0x${string}`
  mnemonic: string
  password: string
  state: Pick<WalletState, 'hasWallet' | 'locked' | 'balances' | 'publicEth' | 'settings' | 'sync'>
  /** Milliseconds between the proof stages of a transaction. */
  stageDelayMs: number
  /** A send of exactly this many base units fails (to show a failure). */
  failAmount?: string
}

/**
 * Replaces the extension API in `page` with an in-page fake of the
 * background that speaks background/messages.ts: the popup's screens can be
 * driven and photographed without a chain, a relayer or a prover. WXT's
 * `browser` prefers `globalThis.browser` when it has a `runtime.id`.
 */
export async function installFakeBackground(page: Page, config: FakeBackgroundConfig) {
  await page.addInitScript(fakeBackground, config)
}

/** Opens `url` in `page` with the fake in place, and checks that the page's `browser` is the fake. */
export async function openWithFakeBackground(
  page: Page,
  url: string,
  config: FakeBackgroundConfig,
) {
  await installFakeBackground(page, config)
  await page.goto(url)
  const id = await page.evaluate(
    () =>
      (globalThis as unknown as { browser?: { runtime?: { id?: string } } }).browser?.runtime?.id,
  )
  if (id !== 'fake-background')
    throw new Error(`the page's browser API is not the fake background (runtime.id ${id})`)
}

type FakeGlobals = {
  fakeBackground: {
    control: { holdProving: boolean; release?: () => void }
    /** Every request the popup sent, in order, with its data. */
    requests: { type: string; data: unknown }[]
  }
}

/** The requests of `type` the popup sent the fake so far, with their data. */
export function sentRequests(page: Page, type: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    (type) =>
      (globalThis as unknown as FakeGlobals).fakeBackground.requests
        .filter((r) => r.type === type)
        .map((r) => r.data as Record<string, unknown>),
    type,
  )
}

/** Makes the fake's next transactions wait at the proving stage until {@link releaseProving}. */
export function holdProving(page: Page, hold: boolean): Promise<void> {
  return page.evaluate((hold) => {
    ;(globalThis as unknown as FakeGlobals).fakeBackground.control.holdProving = hold
  }, hold)
}

/** Lets a held transaction go on. */
export function releaseProving(page: Page): Promise<void> {
  return page.evaluate(() => {
    const { control } = (globalThis as unknown as FakeGlobals).fakeBackground
    control.holdProving = false
    control.release?.()
  })
}

// Runs inside the page: self-contained, no imports.
function fakeBackground(config: FakeBackgroundConfig) {
  type Listener = (message: unknown) => void
  const listeners = new Set<Listener>()
  const state = structuredClone(config.state) as WalletState & Record<string, unknown>
  state.settings = { ...state.settings }
  const activities: Record<string, unknown>[] = []
  const requests: { type: string; data: unknown }[] = []
  // A restore from the lock screen replaces the wallet under a new password.
  let password = config.password
  let next = 1
  // The test may hold a transaction at the proving stage to look at it.
  const control: { holdProving: boolean; release?: () => void } = { holdProving: false }
  const emit = (message: unknown) => {
    for (const listener of [...listeners]) setTimeout(() => listener(structuredClone(message)), 0)
  }
  const ok = (data: unknown) => ({ ok: true, data })
  const fail = (code: string, message: string) => ({ ok: false, error: { code, message } })
  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))
  const view = () =>
    state.hasWallet && !state.locked
      ? { ...state, address: config.address, publicAddress: config.publicAddress }
      : { hasWallet: state.hasWallet, locked: state.locked, settings: state.settings }

  async function runTx(kind: string, data: Record<string, string>) {
    const balance = state.balances?.find((b) => b.pool === data.pool) ?? state.balances?.[0]
    const id = `a${next++}`
    const now = Date.now()
    const activity: Record<string, unknown> = {
      id,
      kind,
      status: 'proving',
      amount: data.amount ?? balance?.shielded ?? '0',
      fee: kind === 'shield' ? undefined : '1000000000000000',
      symbol: balance?.symbol,
      decimals: balance?.decimals,
      counterparty: data.to,
      memo: data.memo,
      createdAt: now,
      updatedAt: now,
    }
    activities.push(activity)
    const update = (patch: Record<string, unknown>) => {
      Object.assign(activity, patch, { updatedAt: Date.now() })
      emit({ event: 'activity.updated', data: activity })
    }
    void (async () => {
      for (const stage of ['loading', 'witness', 'proving', 'submitting']) {
        emit({ event: 'proof.progress', data: { stage, activityId: id } })
        if (stage === 'submitting') update({ status: 'submitting' })
        await sleep(config.stageDelayMs)
        if (stage === 'proving' && control.holdProving) {
          await new Promise<void>((release) => {
            control.release = release
          })
        }
      }
      if (data.amount === config.failAmount) {
        update({ status: 'failed', error: 'The relayer refused the transaction: fee too low.' })
        return
      }
      update({ status: 'pending', txHash: `0x${'ab'.repeat(32)}` })
      await sleep(config.stageDelayMs)
      emit({ event: 'proof.progress', data: { stage: 'done', activityId: id } })
      update({ status: 'settled' })
    })()
    return ok({ activityId: id })
  }

  async function handle(message: { type: string; data: Record<string, string> }) {
    const { type, data } = message
    requests.push(structuredClone(message))
    await sleep(20)
    switch (type) {
      case 'wallet.state':
        return ok(view())
      case 'wallet.create':
      case 'wallet.import':
        await sleep(300)
        if (
          state.hasWallet &&
          !(type === 'wallet.import' && (data as { replace?: boolean }).replace)
        )
          return fail('wallet_exists', 'A wallet exists already in this browser.')
        password = data.password ?? password
        // A replaced wallet's history goes with it.
        if (state.hasWallet) activities.length = 0
        Object.assign(state, { hasWallet: true, locked: false })
        emit({ event: 'state.changed' })
        return ok(
          type === 'wallet.create' ? { mnemonic: config.mnemonic } : { address: config.address },
        )
      case 'wallet.unlock':
        await sleep(300)
        if (data.password !== password) return fail('wrong_password', 'Wrong password.')
        state.locked = false
        emit({ event: 'state.changed' })
        return ok({ address: config.address })
      case 'wallet.lock':
        state.locked = true
        emit({ event: 'state.changed' })
        return ok(null)
      case 'wallet.revealPhrase':
      case 'wallet.exportViewingKey':
        if (data.password !== password) return fail('wrong_password', 'Wrong password.')
        return ok(
          type === 'wallet.revealPhrase'
            ? { mnemonic: config.mnemonic }
            : { viewingKey: `zkpayview1${'q'.repeat(60)}` },
        )
      case 'sync.now':
        emit({
          event: 'sync.progress',
          data: { state: 'syncing', syncedBlock: '40', progress: 0.5 },
        })
        return ok(state.sync)
      case 'tx.quoteFee':
        await sleep(100)
        return ok({ fee: '1000000000000000', circuit: 'tx1' })
      case 'tx.send':
      case 'tx.shield':
      case 'tx.unshield':
      case 'tx.merge':
        return runTx(type.slice(3), data)
      case 'activity.list':
        return ok(structuredClone(activities))
      case 'settings.update':
        Object.assign(state.settings, data)
        emit({ event: 'state.changed' })
        return ok(state.settings)
      default:
        return fail('bad_request', `Unknown request ${type}.`)
    }
  }

  // Non-configurable: Chromium's own `browser` namespace must not replace the
  // fake if it is installed after this script has run.
  const fake = {
    runtime: {
      id: 'fake-background',
      sendMessage: (message: { type: string; data: Record<string, string> }) =>
        handle(structuredClone(message)),
      // The popup's chain-watch port: the fake has no chain to watch.
      connect: () => ({
        postMessage: () => {},
        disconnect: () => {},
        onDisconnect: { addListener: () => {} },
        onMessage: { addListener: () => {} },
      }),
      onMessage: {
        addListener: (listener: Listener) => listeners.add(listener),
        removeListener: (listener: Listener) => listeners.delete(listener),
      },
    },
  }
  Object.defineProperty(globalThis, 'browser', {
    value: fake,
    configurable: false,
    writable: false,
  })
  ;(globalThis as unknown as { fakeBackground: unknown }).fakeBackground = {
    emit,
    state,
    control,
    requests,
  }
}
