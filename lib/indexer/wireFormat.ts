/**
 * The indexer's compact wire form of one pool transaction, written by the
 * indexer (indexer/src/api) and parsed, without trusting it, by the wallet.
 *
 * A row is a JSON array, in this order:
 *   [leafIndex, blockNumber, txHash, commitment0, commitment1, [nullifiers…],
 *    recipient, extAmount, relayer, fee, encryptedOutput1, encryptedOutput2, encryptedHistory]
 * numbers: leafIndex a JSON number; blockNumber, extAmount (signed) and fee
 * decimal strings; commitments and nullifiers 0x hex; the rest 0x hex as the
 * event has it.
 */
import { getAddress, type Hex, isHex, toHex } from 'viem'
import { FIELD_SIZE } from '../field.js'
import type { TransactionEvent } from '../sync/fetchPoolEvents.js'
import { IndexerError } from './errors.js'

export const WIRE_VERSION = 1

export type WireRow = [
  leafIndex: number,
  blockNumber: string,
  txHash: Hex,
  commitment0: Hex,
  commitment1: Hex,
  nullifiers: Hex[],
  recipient: Hex,
  extAmount: string,
  relayer: Hex,
  fee: string,
  encryptedOutput1: Hex,
  encryptedOutput2: Hex,
  encryptedHistory: Hex,
]

/** The columns the indexer stores (indexer/ponder.schema.ts), as its database returns them. */
export type StoredTransaction = {
  leafIndex: number
  blockNumber: bigint
  txHash: Hex
  commitment0: bigint
  commitment1: bigint
  nullifiers: string[]
  recipient: Hex
  extAmount: bigint
  relayer: Hex
  fee: bigint
  encryptedOutput1: Hex
  encryptedOutput2: Hex
  encryptedHistory: Hex
}

export function toWireRow(t: StoredTransaction): WireRow {
  return [
    t.leafIndex,
    t.blockNumber.toString(),
    t.txHash,
    toHex(t.commitment0),
    toHex(t.commitment1),
    t.nullifiers.map((n) => toHex(BigInt(n))),
    t.recipient,
    t.extAmount.toString(),
    t.relayer,
    t.fee.toString(),
    t.encryptedOutput1,
    t.encryptedOutput2,
    t.encryptedHistory,
  ]
}

/** The pool's fixed sizes (contracts/ShieldedPool.sol). */
const ENCRYPTED_OUTPUT_BYTES = 179
const ENCRYPTED_HISTORY_BYTES = 165
const AMOUNT_LIMIT = 2n ** 128n
const INPUT_COUNTS = new Set([1, 2, 8])

function bad(details: string): never {
  throw new IndexerError('bad_data', 'The indexer sent a transaction that does not parse.', {
    details,
  })
}

function field(value: unknown, what: string): bigint {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(value)) bad(`${what}: ${value}`)
  const v = BigInt(value)
  if (v >= FIELD_SIZE) bad(`${what} is not a field element`)
  return v
}

function decimal(value: unknown, what: string, signed = false): bigint {
  const pattern = signed ? /^-?\d{1,40}$/ : /^\d{1,40}$/
  if (typeof value !== 'string' || !pattern.test(value)) bad(`${what}: ${value}`)
  return BigInt(value)
}

function bytes(value: unknown, length: number, what: string): Hex {
  if (
    typeof value !== 'string' ||
    !isHex(value, { strict: true }) ||
    value.length !== 2 + 2 * length
  )
    bad(`${what} must be ${length} bytes`)
  return value.toLowerCase() as Hex
}

function address(value: unknown, what: string): Hex {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(value)) bad(`${what}: ${value}`)
  return getAddress(value)
}

/** One row as a `TransactionEvent`, or an `IndexerError('bad_data')`. */
export function parseWireRow(row: unknown): TransactionEvent {
  if (!Array.isArray(row) || row.length !== 13) bad('a row must be an array of 13 values')
  const [index, block, txHash, c0, c1, nullifiers, recipient, extAmount, relayer, fee, o1, o2, h] =
    row as unknown[]
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index % 2 !== 0)
    bad(`leaf index ${index}`)
  if (!Array.isArray(nullifiers) || !INPUT_COUNTS.has(nullifiers.length))
    bad('a transaction spends 1, 2 or 8 nullifiers')
  const amount = decimal(extAmount, 'extAmount', true)
  const feeValue = decimal(fee, 'fee')
  if (amount >= AMOUNT_LIMIT || -amount >= AMOUNT_LIMIT || feeValue >= AMOUNT_LIMIT)
    bad('amount out of range')
  return {
    index,
    commitments: [field(c0, 'commitment'), field(c1, 'commitment')],
    nullifiers: nullifiers.map((n) => field(n, 'nullifier')),
    extData: {
      recipient: address(recipient, 'recipient'),
      extAmount: amount,
      relayer: address(relayer, 'relayer'),
      fee: feeValue,
      encryptedOutput1: bytes(o1, ENCRYPTED_OUTPUT_BYTES, 'encryptedOutput1'),
      encryptedOutput2: bytes(o2, ENCRYPTED_OUTPUT_BYTES, 'encryptedOutput2'),
      encryptedHistory: bytes(h, ENCRYPTED_HISTORY_BYTES, 'encryptedHistory'),
    },
    blockNumber: decimal(block, 'blockNumber'),
    txHash: bytes(txHash, 32, 'txHash'),
  }
}
