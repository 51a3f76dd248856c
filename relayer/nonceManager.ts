/** Hands out the sender account's nonces, one send at a time. */
export type NonceManager = {
  /**
   * Runs `send` with the next nonce while holding the lock, so nonces reach the
   * node in order and none is skipped or reused. A failed send drops the
   * local count; the next one re-reads the chain's `pending` count.
   */
  send<T>(send: (nonce: number) => Promise<T>): Promise<T>
  /** Forgets the local count (after an outside transaction from the same account). */
  reset(): void
}

export type CreateNonceManagerParameters = {
  /** The account's transaction count including pending ones (`eth_getTransactionCount(…, 'pending')`). */
  pendingCount: () => Promise<number>
  /** Whether a failed send was refused for its nonce, so one retry with a fresh count may land. */
  isNonceError?: (error: unknown) => boolean
}

/**
 * A serialized nonce allocator for one sender account. Only the signing and
 * the broadcast are serialized: callers wait for receipts outside it, in parallel.
 *
 * @example
 * const nonces = createNonceManager({ pendingCount: () => publicClient.getTransactionCount({ address, blockTag: 'pending' }) })
 * const hash = await nonces.send(async (nonce) => walletClient.sendRawTransaction({ serializedTransaction: await sign(nonce) }))
 */
export function createNonceManager(params: CreateNonceManagerParameters): NonceManager {
  const { pendingCount, isNonceError = () => false } = params
  let next: number | undefined
  let queue: Promise<unknown> = Promise.resolve()

  async function attempt<T>(send: (nonce: number) => Promise<T>): Promise<T> {
    next ??= await pendingCount()
    const nonce = next
    try {
      const result = await send(nonce)
      next = nonce + 1
      return result
    } catch (error) {
      // The node may have taken the transaction even though the call failed
      // (a timeout): only its pending count knows.
      next = undefined
      throw error
    }
  }

  return {
    send(send) {
      const run = queue.then(async () => {
        try {
          return await attempt(send)
        } catch (error) {
          if (!isNonceError(error)) throw error
          return attempt(send)
        }
      })
      queue = run.catch(() => {})
      return run
    },
    reset() {
      next = undefined
    },
  }
}
