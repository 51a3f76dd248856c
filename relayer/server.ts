import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import { RelayError } from '../lib/errors.js'
import type { RelayErrorBody } from '../lib/relayer/types.js'
import type { RelayerConfig } from './config.js'
import { createRelayerContext } from './context.js'
import { httpStatus } from './httpStatus.js'
import { statusRoute } from './routes/status.js'
import { transactRoute } from './routes/transact.js'

/** Largest request body: a tx8 relay is about 2 KB. */
export const bodyLimit = 64 * 1024

export type CreateRelayerServerOptions = {
  /** Where the JSON logs go (default stdout); `false` for none. */
  logger?: false | { stream?: { write(line: string): void } }
}

/** Paths whose values pino replaces before anything is written. */
const redact = [
  'privateKey',
  '*.privateKey',
  '*.*.privateKey',
  'RELAYER_PRIVATE_KEY',
  '*.RELAYER_PRIVATE_KEY',
  'req.headers.authorization',
]

/**
 * The relayer's HTTP server, connected to its chain and ready for `listen`:
 * `GET /status` and `POST /v1/transact`, with per-IP rate limiting, a body
 * limit and JSON errors `{ error: { code, message } }`.
 *
 * @example
 * const server = await createRelayerServer(await loadRelayerConfig({ env: process.env }))
 * await server.listen({ port: 8547, host: '127.0.0.1' })
 */
export async function createRelayerServer(
  config: RelayerConfig,
  options: CreateRelayerServerOptions = {},
): Promise<FastifyInstance> {
  const context = await createRelayerContext(config)
  const logger =
    options.logger === false
      ? false
      : {
          level: config.logLevel,
          redact: { paths: redact, censor: '[redacted]' },
          serializers: { req: requestFields(config.logClientIp) },
          ...(options.logger?.stream ? { stream: options.logger.stream } : {}),
        }
  const app = Fastify({ logger, bodyLimit, requestTimeout: config.requestTimeoutMs })

  app.setErrorHandler((error: FastifyError | RelayError, request, reply) => {
    if (error instanceof RelayError) {
      const status = error.status ?? httpStatus[error.code]
      return reply.status(status).send(errorBody(error.code, error.shortMessage))
    }
    const status = error.statusCode ?? 500
    // Fastify's own refusals (malformed JSON, body too large, wrong content type).
    if (status >= 400 && status < 500)
      return reply.status(status).send(errorBody('bad_request', error.message))
    request.log.error({ err: error }, 'unexpected error')
    return reply.status(500).send(errorBody('relay_failed', 'The relayer failed unexpectedly.'))
  })
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('bad_request', `There is no route ${request.method} ${request.url}.`)),
  )
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  await app.register(rateLimit, {
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    errorResponseBuilder: (_request, context) =>
      new RelayError(
        'rate_limited',
        `Too many requests: at most ${context.max} per ${context.after}.`,
        {
          status: context.statusCode,
        },
      ),
  })
  statusRoute(app, context)
  transactRoute(app, context)
  app.log.info(
    {
      relayer: context.account.address,
      chainId: context.chain.id,
      pools: [...context.pools.keys()],
      fee: {
        flat: config.fee.flat.toString(),
        perGas: config.fee.perGas?.toString() ?? `gas price x ${config.fee.gasPriceFactor}`,
      },
    },
    'relayer ready',
  )
  return app
}

/**
 * What a request's log line says of it: no client IP or port unless
 * LOG_CLIENT_IP is set, since an IP next to a transaction hash links a payer.
 */
function requestFields(logClientIp: boolean) {
  return (request: {
    id?: unknown
    method: string
    url: string
    ip?: string
    socket?: { remotePort?: number }
  }) => ({
    method: request.method,
    url: request.url,
    ...(logClientIp ? { remoteAddress: request.ip, remotePort: request.socket?.remotePort } : {}),
  })
}

function errorBody(code: RelayErrorBody['error']['code'], message: string): RelayErrorBody {
  return { error: { code, message } }
}
