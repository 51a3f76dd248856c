/**
 * The indexer's HTTP API: whole ranges of pool transactions in a compact form,
 * never one note, so that it cannot tell which notes a wallet is after.
 *
 *   GET /meta                                  { v, chainId, pool, startBlock }
 *   GET /leaves?from=<leaf>&to=<leaf>&limit=N  transactions whose first leaf is in [from, to)
 *   GET /blocks?from=<block>&to=<block>&after=<leaf>&limit=N
 *                                              transactions in blocks [from, to], first leaf >= after
 *
 * Both ranges answer `{ v: 1, rows, next }` in leaf order, `next` the leaf to ask
 * from for the rest (null when done); a row is lib/indexer/wireFormat.ts's
 * `WireRow`. Ponder adds /status (the block indexed so far), /ready and /health.
 */
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { and, asc, gte, lt, lte } from 'ponder'
import { db } from 'ponder:api'
import { poolTransaction } from 'ponder:schema'
import { toWireRow, WIRE_VERSION } from '../../../lib/indexer/wireFormat.js'
import { readIndexerDeployment } from '../../deployment.js'

const deployment = readIndexerDeployment(process.env)
const MAX_ROWS = 10_000
/** The leaf index column is a Postgres integer. */
const MAX_LEAF = 2 ** 31 - 1
const DEFAULT_ROWS = 2_000

const app = new Hono()
app.use(compress())

class BadQuery extends Error {}

function integer(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new BadQuery(`${name} is required`)
    return fallback
  }
  if (!/^\d{1,15}$/.test(value)) throw new BadQuery(`${name} must be a non-negative integer`)
  return Number(value)
}

app.onError((error, c) => {
  if (error instanceof BadQuery) return c.json({ error: error.message }, 400)
  throw error
})

app.get('/meta', (c) =>
  c.json({
    v: WIRE_VERSION,
    chainId: deployment.chainId,
    pool: deployment.pool,
    startBlock: deployment.startBlock,
  }),
)

app.get('/leaves', async (c) => {
  const from = integer(c.req.query('from'), 'from')
  const to = integer(c.req.query('to'), 'to', MAX_LEAF)
  const limit = Math.min(integer(c.req.query('limit'), 'limit', DEFAULT_ROWS), MAX_ROWS)
  const rows = await db
    .select()
    .from(poolTransaction)
    .where(and(gte(poolTransaction.leafIndex, from), lt(poolTransaction.leafIndex, to)))
    .orderBy(asc(poolTransaction.leafIndex))
    .limit(limit)
  const last = rows.at(-1)
  return c.json({
    v: WIRE_VERSION,
    rows: rows.map(toWireRow),
    next: rows.length === limit && last ? last.leafIndex + 2 : null,
  })
})

app.get('/blocks', async (c) => {
  const from = integer(c.req.query('from'), 'from')
  const to = integer(c.req.query('to'), 'to')
  const after = integer(c.req.query('after'), 'after', 0)
  const limit = Math.min(integer(c.req.query('limit'), 'limit', DEFAULT_ROWS), MAX_ROWS)
  const rows = await db
    .select()
    .from(poolTransaction)
    .where(
      and(
        gte(poolTransaction.blockNumber, BigInt(from)),
        lte(poolTransaction.blockNumber, BigInt(to)),
        gte(poolTransaction.leafIndex, after),
      ),
    )
    .orderBy(asc(poolTransaction.leafIndex))
    .limit(limit)
  const last = rows.at(-1)
  return c.json({
    v: WIRE_VERSION,
    rows: rows.map(toWireRow),
    next: rows.length === limit && last ? last.leafIndex + 2 : null,
  })
})

export default app
