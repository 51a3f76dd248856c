import { describe, expect, it } from 'vitest'
import { formatShort, formatUnits, shortAddress } from '../../components/format.js'
import { checkSettings } from '../../components/forms/checkSettings.js'
import { checkSpend } from '../../components/forms/spendCheck.js'
import { pickWordPositions, wordsMatch } from '../../components/onboarding/pickWords.js'
import { stageLabel } from '../../components/tx/stageLabel.js'

describe('popup helpers', () => {
  it('formats wire amounts exactly, and gas money cut short', () => {
    expect(formatUnits('47498400000000000000', 18)).toBe('47.4984')
    expect(formatUnits('not a number', 18)).toBe('?')
    expect(formatUnits(undefined, 18)).toBe('–')
    expect(formatShort('99999417732418554730', 18)).toBe('99.9994')
    expect(formatShort('1000000000000000000', 18)).toBe('1')
    expect(formatShort('10000000000000', 18)).toBe('0')
    expect(shortAddress('0x1234567890abcdef1234567890abcdef12345678')).toBe('0x123456…345678')
  })

  it('asks for distinct, sorted word positions and checks the answers', () => {
    const draws = [0.1, 0.1, 0.9, 0.5]
    // A repeated position is drawn again; the answer is sorted.
    expect(pickWordPositions(12, 3, () => draws.shift() ?? 0)).toEqual([1, 6, 10])
    const positions = pickWordPositions(24)
    expect(new Set(positions).size).toBe(3)
    expect(positions.every((p) => Number.isInteger(p) && p >= 0 && p < 24)).toBe(true)
    const phrase = ['a', 'b', 'c']
    expect(wordsMatch(phrase, { 0: ' A ', 2: 'c' })).toBe(true)
    expect(wordsMatch(phrase, { 1: 'c' })).toBe(false)
  })

  it('compares amount plus fee with the shielded balance', () => {
    const quote = { state: 'ready', fee: 1n, circuit: 'tx1' } as const
    expect(checkSpend(9n, quote, 10n, 0, 'T')).toBeUndefined()
    expect(checkSpend(10n, quote, 10n, 0, 'T')).toBe(
      'Amount plus fee is 11 T; you have 10 T shielded.',
    )
    expect(checkSpend(10n, { state: 'loading' }, 10n, 0, 'T')).toBeUndefined()
  })

  it('checks settings: URLs and minutes', () => {
    const good = {
      rpcUrl: 'http://127.0.0.1:8545',
      relayerUrls: '',
      useRelayer: false,
      autoLock: '15',
    }
    expect(checkSettings(good).value).toEqual({
      rpcUrl: 'http://127.0.0.1:8545',
      useRelayer: false,
      autoLockMinutes: 15,
    })
    expect(checkSettings({ ...good, useRelayer: true }).errors.relayerUrls).toMatch(
      /turn the relayer off/,
    )
    // Several relayers, one a line or comma-separated; any bad one is named.
    expect(
      checkSettings({ ...good, relayerUrls: ' http://a:1 \n\nhttps://b, http://c:3' }).value
        ?.relayerUrls,
    ).toEqual(['http://a:1', 'https://b', 'http://c:3'])
    expect(
      checkSettings({ ...good, relayerUrls: 'http://a:1\nftp://b' }).errors.relayerUrls,
    ).toMatch(/ftp:\/\/b/)
    expect(checkSettings({ ...good, rpcUrl: 'ftp://x' }).errors.rpcUrl).toBeDefined()
    expect(checkSettings({ ...good, autoLock: '0' }).errors.autoLock).toBeDefined()
    expect(checkSettings({ ...good, autoLock: '2.5' }).errors.autoLock).toBeDefined()
    // Backup RPCs: a list that may be empty (saved as such), at most 4, each http(s).
    expect(checkSettings({ ...good, backupRpcUrls: '' }).value?.backupRpcUrls).toEqual([])
    expect(
      checkSettings({ ...good, backupRpcUrls: 'https://b1\nhttps://b2' }).value?.backupRpcUrls,
    ).toEqual(['https://b1', 'https://b2'])
    expect(checkSettings({ ...good, backupRpcUrls: 'ws://b' }).errors.backupRpcUrls).toMatch(
      /ws:\/\/b/,
    )
    expect(
      checkSettings({ ...good, backupRpcUrls: 'http://1,http://2,http://3,http://4,http://5' })
        .errors.backupRpcUrls,
    ).toMatch(/At most 4/)
  })

  it('says in words what a running transaction waits for', () => {
    expect(stageLabel(undefined, undefined)).toMatch(/Choosing notes/)
    expect(stageLabel('proving', 'proving')).toMatch(/zero-knowledge proof/)
    expect(stageLabel('done', 'pending')).toMatch(/waiting for the block/)
  })
})
