import { type Address, getAddress, type Hex, isAddress } from 'viem'
import { AMOUNT_LIMIT } from '../amount.js'
import { InvalidReceiptError } from '../errors.js'
import { isField } from '../field.js'
import type { Receipt } from './receipt.js'

/**
 * Reads a receipt as `serializeReceipt` writes it (JSON text, or the parsed
 * object): decimal strings become bigints, addresses are checksummed, and
 * every field is checked for its type and range. Throws an
 * {@link InvalidReceiptError} naming the first bad field. This only checks the
 * form; `verifyReceipt` checks it against the chain.
 *
 * @example
 * const receipt = parseReceipt(await readFile('receipt.json', 'utf8'))
 * await verifyReceipt({ publicClient, receipt, address })
 */
export function parseReceipt(input: unknown): Receipt {
  let value = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch (cause) {
      throw new InvalidReceiptError('The receipt is not JSON.', { cause })
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidReceiptError('The receipt is not a JSON object.')
  const r = value as Record<string, unknown>
  if (r.version !== 2)
    throw new InvalidReceiptError(`The receipt has version ${String(r.version)}, not 2.`)
  const chainId = integer(r.chainId, 'chainId', 1n, BigInt(Number.MAX_SAFE_INTEGER))
  if (typeof r.pool !== 'string' || !isAddress(r.pool, { strict: false }))
    throw new InvalidReceiptError('The receipt pool is not an address.')
  if (typeof r.txHash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(r.txHash))
    throw new InvalidReceiptError('The receipt txHash is not a 32-byte hex hash.')
  const commitment = integer(r.commitment, 'commitment')
  const blinding = integer(r.blinding, 'blinding')
  if (!isField(commitment) || !isField(blinding))
    throw new InvalidReceiptError('The receipt commitment or blinding is not a field element.')
  if (r.memo !== undefined && typeof r.memo !== 'string')
    throw new InvalidReceiptError('The receipt memo is not text.')
  return {
    version: 2,
    chainId: Number(chainId),
    pool: getAddress(r.pool) as Address,
    txHash: r.txHash.toLowerCase() as Hex,
    blockNumber: integer(r.blockNumber, 'blockNumber'),
    commitment,
    leafIndex: Number(integer(r.leafIndex, 'leafIndex', 0n, 2n ** 20n - 1n)),
    amount: integer(r.amount, 'amount', 0n, AMOUNT_LIMIT - 1n),
    blinding,
    ...(typeof r.memo === 'string' && r.memo !== '' ? { memo: r.memo } : {}),
  }
}

/** A non-negative integer given as a JSON number (safe) or a decimal string. */
function integer(value: unknown, name: string, min = 0n, max?: bigint): bigint {
  let n: bigint | undefined
  if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value)
  else if (typeof value === 'string' && /^\d{1,80}$/.test(value)) n = BigInt(value)
  if (n === undefined || n < min || (max !== undefined && n > max))
    throw new InvalidReceiptError(`The receipt ${name} is not a valid number.`)
  return n
}
