import { describe, expect, it } from 'vitest'
import {
  isRangeTooLarge,
  RangeTooLargeError,
  readBlockRanges,
} from '../../../lib/sync/readBlockRanges.js'

/** Blocks 0..9999 with an event in every block divisible by 7, and a dense stretch 5000..5099. */
const eventsIn = (from: bigint, to: bigint) => {
  const out: bigint[] = []
  for (let b = from; b <= to; b++) if (b % 7n === 0n || (b >= 5000n && b < 5100n)) out.push(b)
  return out
}

/** A node with the limits public RPCs have: a block span, a result count, and flaky moments. */
function limitedNode(options: { maxSpan: bigint; maxResults: number; flaky?: number }) {
  let calls = 0
  let flaky = options.flaky ?? 0
  const spans: bigint[] = []
  return {
    spans,
    calls: () => calls,
    read: async (from: bigint, to: bigint) => {
      calls++
      spans.push(to - from + 1n)
      if (flaky > 0 && calls % 3 === 0) {
        flaky--
        throw Object.assign(new Error('HTTP request failed. Status: 503'), { status: 503 })
      }
      if (to - from + 1n > options.maxSpan)
        throw new Error(`eth_getLogs is limited to a ${options.maxSpan} block range`)
      const items = eventsIn(from, to)
      if (items.length > options.maxResults)
        throw Object.assign(new Error('RPC Request failed.'), {
          details: `query returned more than ${options.maxResults} results`,
          code: -32005,
        })
      return items
    },
  }
}

describe('readBlockRanges', () => {
  it('splits refused ranges, grows small ones, retries flaky failures, and returns every item in order', async () => {
    const node = limitedNode({ maxSpan: 900n, maxResults: 40, flaky: 3 })
    const progress: bigint[] = []
    const items = await readBlockRanges({
      fromBlock: 0n,
      toBlock: 9_999n,
      read: node.read,
      initialSpan: 100n,
      growBelow: 20,
      onProgress: (b) => progress.push(b),
      sleep: async () => {},
    })
    expect(items).toEqual(eventsIn(0n, 9_999n))
    // It grew past its first span, and never asked twice for more than the node refused.
    expect(node.spans.some((s) => s > 100n)).toBe(true)
    expect(progress.at(-1)).toBe(9_999n)
    for (let i = 1; i < progress.length; i++) expect(progress[i]! >= progress[i - 1]!).toBe(true)
  })

  it('fails clearly when a single block is still too much, and on a failure that does not pass', async () => {
    const node = limitedNode({ maxSpan: 1000n, maxResults: 0 })
    await expect(
      readBlockRanges({ fromBlock: 0n, toBlock: 50n, read: node.read, sleep: async () => {} }),
    ).rejects.toBeInstanceOf(RangeTooLargeError)
    let attempts = 0
    await expect(
      readBlockRanges({
        fromBlock: 0n,
        toBlock: 10n,
        attempts: 3,
        sleep: async () => {},
        read: async () => {
          attempts++
          throw new Error('connection reset')
        },
      }),
    ).rejects.toThrow(/connection reset/)
    expect(attempts).toBe(3)
  })

  it('tells a refusal for size from a rate limit', () => {
    expect(
      isRangeTooLarge(
        new Error(
          'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range',
        ),
      ),
    ).toBe(true)
    expect(isRangeTooLarge({ code: -32005, message: 'limit exceeded' })).toBe(true)
    expect(isRangeTooLarge({ status: 413, message: 'Payload Too Large' })).toBe(true)
    expect(
      isRangeTooLarge(
        new Error('x', { cause: { details: 'query returned more than 10000 results' } }),
      ),
    ).toBe(true)
    expect(isRangeTooLarge({ status: 429, message: 'Too Many Requests' })).toBe(false)
    expect(isRangeTooLarge(new Error('rate limit exceeded'))).toBe(false)
    expect(isRangeTooLarge(new Error('connection reset'))).toBe(false)
  })
})
