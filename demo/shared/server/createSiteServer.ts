import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyError, type FastifyInstance, LogController } from 'fastify'
import { bundlePage } from './bundlePage.js'
import { DemoError, errorBody } from './errors.js'

/** Largest request body: a receipt is about 600 bytes. */
export const bodyLimit = 16 * 1024

/** Where the logs go (default stdout); `false` for none. */
export type SiteLogger = false | { stream?: { write(line: string): void } }

export type CreateSiteServerParameters = {
  /** Names the site in every log line. */
  site: string
  /** The site's folder: `public/` (index.html, style.css) and `page/main.ts`. */
  dir: string
  logger?: SiteLogger
}

const sharedPublic = join(import.meta.dirname, '..', 'public')

/**
 * A demo site's fastify app, before its API routes: the page's static files
 * (its own `public/` and the shared one), its script bundled at start and
 * served as `/app.js`, and JSON errors `{ error: { code, message } }` for
 * every refusal.
 */
export async function createSiteServer({
  site,
  dir,
  logger,
}: CreateSiteServerParameters): Promise<FastifyInstance> {
  const script = await bundlePage(join(dir, 'page', 'main.ts'))
  const app = Fastify({
    logger:
      logger === false
        ? false
        : { base: { site }, ...(logger?.stream ? { stream: logger.stream } : {}) },
    bodyLimit,
    // The pages poll; a line per request would bury the payments.
    logController: new LogController({ disableRequestLogging: true }),
  })

  app.setErrorHandler((error: FastifyError | DemoError, request, reply) => {
    if (error instanceof DemoError)
      return reply.status(error.status).send(errorBody(error.code, error.message))
    const status = error.statusCode ?? 500
    // Fastify's own refusals (malformed JSON, body too large, wrong content type).
    if (status >= 400 && status < 500)
      return reply.status(status).send(errorBody('bad_request', error.message))
    request.log.error({ err: error }, 'unexpected error')
    return reply.status(500).send(errorBody('internal', 'The site failed unexpectedly.'))
  })
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('not_found', `There is no route ${request.method} ${request.url}.`)),
  )

  await app.register(fastifyStatic, { root: [join(dir, 'public'), sharedPublic], maxAge: 0 })
  app.get('/app.js', (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-store').send(script),
  )
  return app
}
