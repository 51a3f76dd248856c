import { ProviderRpcError } from './providerErrors.js'
import {
  type PageReply,
  type PageRequest,
  type ProviderEventName,
  providerEvents,
  TO_CONTENT,
} from './wire.js'

export type RequestArguments = { method: string; params?: unknown }

type Listener = (data: unknown) => void

/** `window.zkpay`: what pages call (docs/provider.md). */
export type ZkpayProvider = {
  readonly isZkpay: true
  request(args: RequestArguments): Promise<unknown>
  on(event: ProviderEventName, listener: Listener): ZkpayProvider
  removeListener(event: ProviderEventName, listener: Listener): ZkpayProvider
}

export type ProviderTransport = {
  /** Sends to the content script (`window.postMessage` in the page). */
  post(message: PageRequest): void
  /** Calls `handler` with each message from the content script. */
  listen(handler: (message: PageReply) => void): void
}

/**
 * The page's provider over a transport to the content script. It keeps no
 * state but its pending requests and listeners: every decision is the
 * background's. A request it cannot even send (arguments that are not an
 * object with a method, params that cannot be cloned) rejects at once.
 */
export function createProvider(transport: ProviderTransport): ZkpayProvider {
  const pending = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>()
  const listeners = new Map<ProviderEventName, Set<Listener>>()
  let nextId = 0

  transport.listen((message) => {
    if ('event' in message) {
      for (const listener of listeners.get(message.event) ?? []) {
        try {
          listener(message.data)
        } catch (error) {
          // A page's listener throwing must not stop the others.
          queueMicrotask(() => {
            throw error
          })
        }
      }
      return
    }
    const entry = pending.get(message.id)
    if (!entry) return
    pending.delete(message.id)
    if ('error' in message) entry.reject(ProviderRpcError.fromJson(message.error))
    else entry.resolve(message.result)
  })

  function assertEvent(event: unknown): asserts event is ProviderEventName {
    if (!providerEvents.includes(event as ProviderEventName))
      throw new TypeError(
        `zkpay has no event "${String(event)}"; it has ${providerEvents.join(', ')}.`,
      )
  }

  const provider: ZkpayProvider = {
    isZkpay: true,
    request(args) {
      if (typeof args !== 'object' || args === null || typeof args.method !== 'string')
        return Promise.reject(
          new ProviderRpcError('invalid_params', 'request() takes { method: string, params? }.'),
        )
      const id = String(++nextId)
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        try {
          transport.post({ target: TO_CONTENT, id, method: args.method, params: args.params })
        } catch {
          pending.delete(id)
          reject(
            new ProviderRpcError('invalid_params', 'The params cannot be sent (not plain data).'),
          )
        }
      })
    },
    on(event, listener) {
      assertEvent(event)
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.')
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return provider
    },
    removeListener(event, listener) {
      assertEvent(event)
      listeners.get(event)?.delete(listener)
      return provider
    },
  }
  return Object.freeze(provider)
}
