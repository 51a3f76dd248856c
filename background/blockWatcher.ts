export type CreateBlockWatcherParameters = {
  /** The chain's head block number (uncached). */
  head: () => Promise<bigint>
  /** Called once for each new head seen. */
  onBlock: (block: bigint) => Promise<unknown> | undefined
  /** How often to ask for the head while someone watches. */
  intervalMs?: number
}

/**
 * Polls the chain's head while anyone holds the watcher (an open popup or
 * approval window, a site request in flight) and calls `onBlock` for each
 * new block, so a payment shows up within a block of landing instead of at
 * the next alarm. Nobody holding it: no polling at all.
 */
export function createBlockWatcher(params: CreateBlockWatcherParameters) {
  const intervalMs = params.intervalMs ?? 1_000
  let holders = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let last: bigint | undefined

  async function tick() {
    timer = undefined
    try {
      const block = await params.head()
      if (last === undefined || block > last) {
        last = block
        await params.onBlock(block)
      }
    } catch {
      // an RPC hiccup: the next tick asks again
    }
    if (holders > 0) timer = setTimeout(() => void tick(), intervalMs)
  }

  return {
    /** Starts watching (if nobody was); the returned function stops this hold. */
    hold(): () => void {
      holders++
      if (holders === 1 && !timer) void tick()
      let released = false
      return () => {
        if (released) return
        released = true
        holders--
        if (holders === 0 && timer) {
          clearTimeout(timer)
          timer = undefined
          last = undefined
        }
      }
    },
    holders: () => holders,
  }
}

export type BlockWatcher = ReturnType<typeof createBlockWatcher>
