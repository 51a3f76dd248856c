import { BaseError } from '../lib/errors.js'
import { serializeError } from './errors.js'
import type { MessageResponse, PopupRequests, PopupRequestType } from './messages.js'
import { isRequestType, requestSchemas } from './schemas.js'

/** What `runtime.onMessage` says about a message's sender (the part checked). */
export type MessageSender = { id?: string; url?: string }

export type Handlers = {
  [K in PopupRequestType]: (
    data: PopupRequests[K]['data'],
  ) => Promise<PopupRequests[K]['result']> | PopupRequests[K]['result']
}

export type CreateRouterParameters = {
  handlers: Handlers
  /** `runtime.id`. */
  extensionId: string
  /** `runtime.getURL('/')`: the extension's own pages start with it. */
  extensionOrigin: string
  /** Runs before each accepted request (initialization, the auto-lock's idle clock). */
  beforeEach?: (type: PopupRequestType) => Promise<void> | void
}

class BadMessageError extends BaseError {
  override name = 'BadMessageError'
  constructor(message: string) {
    super('bad_request', message)
  }
}

/**
 * The background's one `runtime.onMessage` listener. It answers only this
 * extension's own pages (same id, a URL under the extension's origin):
 * content scripts and anything else get no answer at all, so that other
 * listeners may. A request is `{ type, data }`; its data is checked against
 * the type's schema, then the handler runs, and the answer is a
 * `MessageResponse` with errors serialized as `{ code, message }`.
 */
export function createRouter(params: CreateRouterParameters) {
  const { handlers } = params

  function isOwnPage(sender: MessageSender): boolean {
    return (
      sender.id === params.extensionId &&
      typeof sender.url === 'string' &&
      sender.url.startsWith(params.extensionOrigin)
    )
  }

  /** Whether the router answers this message (decided synchronously, as Chrome needs). */
  function accepts(message: unknown, sender: MessageSender): boolean {
    return (
      isOwnPage(sender) &&
      typeof message === 'object' &&
      message !== null &&
      typeof (message as { type?: unknown }).type === 'string'
    )
  }

  /** The answer to a message, or `undefined` when it is not the router's to answer. */
  async function handle(
    message: unknown,
    sender: MessageSender,
  ): Promise<MessageResponse | undefined> {
    if (!accepts(message, sender)) return undefined
    const { type, data } = message as { type: string; data?: unknown }
    try {
      if (!isRequestType(type)) throw new BadMessageError(`Unknown request "${type}".`)
      const parsed = requestSchemas[type].safeParse(data)
      if (!parsed.success)
        throw new BadMessageError(
          `Bad data for "${type}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        )
      await params.beforeEach?.(type)
      const handler = handlers[type] as (data: unknown) => unknown
      return { ok: true, data: (await handler(parsed.data)) as never }
    } catch (error) {
      return { ok: false, error: serializeError(error) }
    }
  }

  return {
    handle,
    /** For `runtime.onMessage.addListener`: answers through `sendResponse`. */
    listener(
      message: unknown,
      sender: MessageSender,
      sendResponse: (response: MessageResponse) => void,
    ): true | undefined {
      if (!accepts(message, sender)) return undefined
      void handle(message, sender).then((response) => response && sendResponse(response))
      return true
    },
  }
}
