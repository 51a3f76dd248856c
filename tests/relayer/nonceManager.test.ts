import { describe, expect, it } from 'vitest'
import { createNonceManager } from '../../relayer/nonceManager.js'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('nonce manager', () => {
  it('hands out consecutive nonces one send at a time, reading the chain once', async () => {
    let reads = 0
    let sending = 0
    const nonces = createNonceManager({
      pendingCount: async () => {
        reads++
        return 7
      },
    })
    const sent = await Promise.all(
      Array.from({ length: 20 }, () =>
        nonces.send(async (nonce) => {
          expect(++sending).toBe(1)
          await tick()
          sending--
          return nonce
        }),
      ),
    )
    expect(sent).toEqual(Array.from({ length: 20 }, (_, i) => 7 + i))
    expect(reads).toBe(1)
  })

  let pending = 0
  /** A send the node accepted. */
  const took = (nonce: number) => {
    pending++
    return nonce
  }

  it('re-reads the pending count after a failed send, so no nonce is lost or reused', async () => {
    pending = 3
    const nonces = createNonceManager({ pendingCount: async () => pending })
    expect(await nonces.send(async (n) => took(n))).toBe(3)
    // The node took this one although the call failed (a timeout): pending says so.
    await expect(
      nonces.send(async () => {
        pending++
        throw new Error('timeout')
      }),
    ).rejects.toThrow('timeout')
    expect(await nonces.send(async (n) => took(n))).toBe(5)
    // This one never reached the node: its nonce is used again.
    await expect(nonces.send(async () => Promise.reject(new Error('refused')))).rejects.toThrow()
    expect(await nonces.send(async (n) => n)).toBe(6)
  })

  it('retries once with a fresh count when the node refuses the nonce', async () => {
    pending = 0
    const nonces = createNonceManager({
      pendingCount: async () => pending,
      isNonceError: (e) => /nonce too low/.test(String(e)),
    })
    expect(await nonces.send(async (n) => took(n))).toBe(0)
    pending += 2 // someone else sent two from the same account
    const tried: number[] = []
    const nonce = await nonces.send(async (n) => {
      tried.push(n)
      if (n < pending) throw new Error('nonce too low')
      return n
    })
    expect(tried).toEqual([1, 3])
    expect(nonce).toBe(3)
  })
})
