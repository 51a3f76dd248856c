/**
 * `read`, answered from memory for `ttlMs` after each success: a status
 * answer reads the chain at most that often, however often it is asked.
 */
export function cached<T>(read: () => Promise<T>, ttlMs: number, now = Date.now): () => Promise<T> {
  let value: { promise: Promise<T>; at: number } | undefined
  return () => {
    if (value && now() - value.at < ttlMs) return value.promise
    const promise = read()
    const entry = { promise, at: now() }
    value = entry
    promise.catch(() => {
      if (value === entry) value = undefined
    })
    return promise
  }
}
