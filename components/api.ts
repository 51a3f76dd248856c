import { useCallback, useEffect, useRef, useState } from 'react'
import { browser } from 'wxt/browser'
import type {
  BackgroundEvent,
  MessageResponse,
  PopupMessage,
  PopupRequests,
  PopupRequestType,
  SyncStatus,
  WalletState,
} from '../background/messages.js'
import { errorMessage } from './errorMessage.js'

export { errorMessage } from './errorMessage.js'

/** A `{ ok: false }` answer from the background, with its stable `code`. */
export class BackgroundError extends Error {
  override name = 'BackgroundError'
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.code = code
  }
}

/**
 * Sends one request to the background service worker and resolves with its
 * `data`, or throws a {@link BackgroundError} carrying the answer's `code`.
 * A missing or malformed answer (the worker did not reply) is an error too.
 */
export async function send<T extends PopupRequestType>(
  type: T,
  ...[data]: PopupRequests[T]['data'] extends undefined
    ? [data?: undefined]
    : [data: PopupRequests[T]['data']]
): Promise<PopupRequests[T]['result']> {
  const message: PopupMessage<T> = { type, data: data as PopupRequests[T]['data'] }
  let response: MessageResponse<T> | undefined
  try {
    response = (await browser.runtime.sendMessage(message)) as MessageResponse<T> | undefined
  } catch (cause) {
    throw new BackgroundError(
      'no_background',
      `The wallet's background did not answer (${cause instanceof Error ? cause.message : String(cause)}).`,
    )
  }
  if (!response || typeof response !== 'object' || !('ok' in response)) {
    throw new BackgroundError('no_background', `The wallet's background gave no answer to ${type}.`)
  }
  if (!response.ok) throw new BackgroundError(response.error.code, response.error.message)
  return response.data
}

/** The `code` of an error thrown by {@link send}, or `undefined`. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof BackgroundError ? error.code : undefined
}

/** Whether a runtime message is one of the background's broadcast events. */
export function isBackgroundEvent(message: unknown): message is BackgroundEvent {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { event?: unknown }).event === 'string'
  )
}

/**
 * Calls `handler` with every event the background broadcasts
 * (`state.changed`, `sync.progress`, `activity.updated`, `proof.progress`)
 * while the component is mounted. The latest `handler` is used without
 * re-subscribing.
 */
export function useBackgroundEvents(handler: (event: BackgroundEvent) => void): void {
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => {
    const listener = (message: unknown) => {
      if (isBackgroundEvent(message)) latest.current(message)
      // Never answer: requests are the background's to answer.
      return undefined
    }
    browser.runtime.onMessage.addListener(listener)
    return () => browser.runtime.onMessage.removeListener(listener)
  }, [])
}

export type WalletStateResult = {
  state?: WalletState
  /** Why the state could not be read, if it could not. */
  error?: string
  /** The latest `sync.progress` event, fresher than `state.sync`. */
  sync?: SyncStatus
  refresh(): Promise<void>
}

/**
 * The wallet's state from `wallet.state`, fetched on mount and again on
 * every `state.changed` event; `sync.progress` events update `sync` live.
 */
export function useWalletState(): WalletStateResult {
  const [state, setState] = useState<WalletState>()
  const [error, setError] = useState<string>()
  const [sync, setSync] = useState<SyncStatus>()
  const generation = useRef(0)

  const refresh = useCallback(async () => {
    const mine = ++generation.current
    try {
      const next = await send('wallet.state')
      // An older answer arriving late must not overwrite a newer one.
      if (mine !== generation.current) return
      setState(next)
      setSync(next.sync)
      setError(undefined)
    } catch (cause) {
      if (mine === generation.current) setError(errorMessage(cause))
    }
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  useBackgroundEvents((event) => {
    if (event.event === 'state.changed') void refresh()
    if (event.event === 'sync.progress') {
      setSync(event.data)
      // A finished sync brings new balances.
      if (event.data.state !== 'syncing') void refresh()
    }
  })

  return { state, error, sync, refresh }
}
