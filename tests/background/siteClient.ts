import type { ProviderErrorJson } from '../../lib/provider/providerErrors.js'
import type { BridgeReply } from '../../lib/provider/wire.js'
import type { openBackground } from './harness.js'

type Background = ReturnType<typeof openBackground>['background']

/** Request ids are unique across every client, as the content script's UUIDs are. */
let count = 0

export type SiteAnswer = { result: unknown } | { error: ProviderErrorJson }

/**
 * A site as the background sees it: requests arrive on a port from `origin`
 * (what the content script would send), events are collected.
 */
export function siteClient(background: Background, origin: string) {
  const events: { event: string; data: unknown }[] = []
  background.provider.addPort(origin, (reply) => {
    if (reply.type === 'event') events.push({ event: reply.event, data: reply.data })
  })

  function send(type: 'request' | 'resume', id: string, method: string, params?: unknown) {
    return new Promise<SiteAnswer>((resolve) => {
      void background.onSiteMessage(
        origin,
        { type, id, method, ...(params === undefined ? {} : { params }) },
        (reply: BridgeReply) => {
          if (reply.type === 'response' && reply.id === id)
            resolve('error' in reply ? { error: reply.error } : { result: reply.result })
        },
      )
    })
  }

  return {
    origin,
    events,
    /** Sends a request; the promise is its answer. `id` lets a test resume it elsewhere. */
    request(method: string, params?: unknown, id = `request-${++count}`) {
      return send('request', id, method, params)
    },
    resume: (id: string, method: string, params?: unknown) => send('resume', id, method, params),
  }
}

/** The result of an answer, or a thrown error naming its code. */
export function resultOf(answer: SiteAnswer): unknown {
  if ('error' in answer)
    throw new Error(`expected a result, got ${answer.error.code}: ${answer.error.message}`)
  return answer.result
}

/** The error code of an answer (undefined for a result). */
export const codeOf = (answer: SiteAnswer) => ('error' in answer ? answer.error.code : undefined)
