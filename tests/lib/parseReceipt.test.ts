import { describe, expect, it } from 'vitest'
import { InvalidReceiptError } from '../../lib/errors.js'
import { parseReceipt } from '../../lib/receipt/parseReceipt.js'
import { type Receipt, serializeReceipt } from '../../lib/receipt/receipt.js'

const receipt: Receipt = {
  version: 2,
  chainId: 31337,
  pool: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9',
  txHash: `0x${'ab'.repeat(32)}`,
  blockNumber: 8n,
  commitment: 123n,
  leafIndex: 2,
  amount: 12_500_000_000_000_000_000n,
  blinding: 456n,
  memo: 'order 42',
}

describe('parseReceipt', () => {
  it('reads what serializeReceipt writes, as text or parsed', () => {
    const text = serializeReceipt(receipt)
    expect(parseReceipt(text)).toEqual(receipt)
    expect(parseReceipt(JSON.parse(text))).toEqual(receipt)
    const { memo: _, ...bare } = receipt
    expect(parseReceipt(serializeReceipt(bare))).toEqual(bare)
  })

  it('accepts amounts up to 2^128 - 1', () => {
    const largest = { ...receipt, amount: (1n << 128n) - 1n }
    expect(parseReceipt(serializeReceipt(largest)).amount).toBe((1n << 128n) - 1n)
  })

  it('checksums the pool address', () => {
    const lower = { ...JSON.parse(serializeReceipt(receipt)), pool: receipt.pool.toLowerCase() }
    expect(parseReceipt(lower).pool).toBe(receipt.pool)
  })

  it('names the first bad field', () => {
    const base = JSON.parse(serializeReceipt(receipt))
    const cases: [unknown, RegExp][] = [
      ['{', /not JSON/],
      [[], /not a JSON object/],
      [{ ...base, version: 1 }, /version 1/],
      [{ ...base, version: 3 }, /version 3/],
      [{ ...base, chainId: 0 }, /chainId/],
      [{ ...base, pool: '0x12' }, /pool/],
      [{ ...base, txHash: '0x12' }, /txHash/],
      [{ ...base, blockNumber: '-1' }, /blockNumber/],
      [{ ...base, amount: '1.5' }, /amount/],
      [{ ...base, amount: (1n << 128n).toString() }, /amount/],
      [{ ...base, amount: (1n << 248n).toString() }, /amount/],
      [{ ...base, leafIndex: 2 ** 20 }, /leafIndex/],
      [{ ...base, commitment: (1n << 254n).toString() }, /field element/],
      [{ ...base, memo: 7 }, /memo/],
    ]
    for (const [input, message] of cases) {
      expect(() => parseReceipt(input)).toThrow(InvalidReceiptError)
      expect(() => parseReceipt(input)).toThrow(message)
    }
  })
})
