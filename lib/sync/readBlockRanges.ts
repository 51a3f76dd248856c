/**
 * Reads a long block range in pieces that adapt to what the node accepts.
 * Public RPCs refuse `eth_getLogs` answers past a size, a result count or a
 * block span, each with its own message; a busy pool can put more in one
 * range than any of them allows. A refused range is halved until it passes,
 * an answer with few results doubles the next one, transient failures are
 * retried with backoff, and a few ranges are read at once.
 */

/** Messages and codes with which nodes and providers refuse an answer as too large. */
const TOO_LARGE =
  /response size|too large|too many|more than \d+|exceed|limit|range|-32005|413|payload/i
/** Rate limits look alike but want a pause, not a smaller range. */
const RATE_LIMITED = /rate.?limit|too many requests|429|throttl/i

/** Whether `error` (or one of its causes) is a node refusing the range as too large. */
export function isRangeTooLarge(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 8; depth++) {
    const { message, details, code, status } = e as {
      message?: string
      details?: string
      code?: number
      status?: number
    }
    const text = `${details ?? ''} ${message ?? ''}`
    if (status === 429 || RATE_LIMITED.test(text)) return false
    if (code === -32005 || status === 413) return true
    if (TOO_LARGE.test(text)) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

export type ReadBlockRangesParameters<T> = {
  fromBlock: bigint
  toBlock: bigint
  /** Reads one range (inclusive); returns its items. */
  read: (fromBlock: bigint, toBlock: bigint) => Promise<T[]>
  /** Blocks in the first range. Default 2,000. */
  initialSpan?: bigint
  /** Never more blocks per range than this. Default 50,000. */
  maxSpan?: bigint
  /** A range with fewer items than this grows the next one. Default 1,000. */
  growBelow?: number
  /** Ranges read at the same time. Default 3. */
  concurrency?: number
  /** Attempts for a failure that is not a refusal. Default 4 (waits 250 ms, 500 ms, 1 s). */
  attempts?: number
  /** Called as the contiguous prefix read so far grows. */
  onProgress?: (doneBlock: bigint) => void
  sleep?: (ms: number) => Promise<void>
}

/** A single block the node still refuses: nothing smaller can be asked. */
export class RangeTooLargeError extends Error {
  override name = 'RangeTooLargeError'
}

/** Reads `[fromBlock, toBlock]` in adaptive ranges; items come back in block order. */
export async function readBlockRanges<T>(params: ReadBlockRangesParameters<T>): Promise<T[]> {
  const { fromBlock, toBlock, read } = params
  if (toBlock < fromBlock) return []
  const maxSpan = params.maxSpan ?? 50_000n
  const growBelow = params.growBelow ?? 1_000
  const attempts = params.attempts ?? 4
  const sleep = params.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)))
  let span = params.initialSpan ?? 2_000n
  if (span > maxSpan) span = maxSpan
  // The largest span a refusal has shown to be too much: never tried again.
  let ceiling = maxSpan
  let next = fromBlock
  const done = new Map<bigint, { to: bigint; items: T[] }>()
  let contiguous = fromBlock

  async function readWithRetry(from: bigint, to: bigint): Promise<T[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await read(from, to)
      } catch (error) {
        if (isRangeTooLarge(error) || attempt >= attempts) throw error
        await sleep(250 * 2 ** (attempt - 1))
      }
    }
  }

  /** Reads `[from, to]`, halving on refusal; returns the pieces it took. */
  async function readRange(from: bigint, to: bigint): Promise<void> {
    try {
      const items = await readWithRetry(from, to)
      done.set(from, { to, items })
      const blocks = to - from + 1n
      if (items.length < growBelow && blocks >= span && span * 2n <= ceiling) span *= 2n
    } catch (error) {
      if (!isRangeTooLarge(error)) throw error
      const blocks = to - from + 1n
      if (blocks === 1n) {
        throw new RangeTooLargeError(`The node refuses even the single block ${from}.`, {
          cause: error,
        })
      }
      if (blocks <= ceiling) ceiling = blocks - 1n
      const half = blocks / 2n
      if (span > half) span = half > 0n ? half : 1n
      await readRange(from, from + half - 1n)
      await readRange(from + half, to)
    }
    while (done.has(contiguous)) contiguous = done.get(contiguous)!.to + 1n
    params.onProgress?.(contiguous - 1n)
  }

  async function worker(): Promise<void> {
    while (next <= toBlock) {
      const from = next
      const to = from + span - 1n < toBlock ? from + span - 1n : toBlock
      next = to + 1n
      await readRange(from, to)
    }
  }

  const workers = Math.max(1, params.concurrency ?? 3)
  await Promise.all(Array.from({ length: workers }, () => worker()))
  const starts = [...done.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return starts.flatMap((start) => done.get(start)!.items)
}
