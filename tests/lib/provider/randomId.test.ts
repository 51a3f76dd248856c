import { afterEach, describe, expect, it, vi } from 'vitest'
import { randomId } from '../../../lib/provider/randomId.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('randomId', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('is crypto.randomUUID where the page has it', () => {
    expect(randomId()).toMatch(UUID_V4)
  })

  it('on a plain-http page (no crypto.randomUUID) is a fresh v4 UUID from getRandomValues', () => {
    const real = globalThis.crypto
    const getRandomValues = vi.fn(
      <T extends ArrayBufferView>(array: T) =>
        real.getRandomValues(array as unknown as Uint8Array) as unknown as T,
    )
    vi.stubGlobal('crypto', { getRandomValues })
    expect(typeof crypto.randomUUID).toBe('undefined')
    const ids = new Set(Array.from({ length: 200 }, () => randomId()))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(UUID_V4)
    expect(getRandomValues).toHaveBeenCalledTimes(200)
  })

  it('sets the version and variant bits whatever the random bytes are', () => {
    vi.stubGlobal('crypto', {
      getRandomValues: <T extends ArrayBufferView>(array: T) => {
        ;(array as unknown as Uint8Array).fill(0xff)
        return array
      },
    })
    expect(randomId()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
  })
})
