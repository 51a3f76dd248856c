import { InvalidFieldElementError } from './errors.js'

/** The BN254 scalar field order `p`: every circuit value lives in `[0, p)`. */
export const FIELD_SIZE =
  21888242871839275222246405745257275088548364400416034343698204186575808495617n

/** Reduces any integer into the field, `value mod p` in `[0, p)`. */
export function toField(value: bigint | number): bigint {
  const v = BigInt(value) % FIELD_SIZE
  return v < 0n ? v + FIELD_SIZE : v
}

/** Whether `value` is a bigint in `[0, p)`. */
export function isField(value: unknown): value is bigint {
  return typeof value === 'bigint' && value >= 0n && value < FIELD_SIZE
}

/**
 * Throws an {@link InvalidFieldElementError} unless `value` is a bigint in
 * `[0, p)`; `name` goes into the message.
 */
export function assertField(value: unknown, name = 'value'): asserts value is bigint {
  if (!isField(value)) {
    throw new InvalidFieldElementError(`The ${name} is not a field element.`, {
      details: `Expected a bigint in [0, p), got ${describe(value)}.`,
    })
  }
}

/**
 * A uniformly random field element: 64 random bytes reduced mod `p`, so the
 * bias is below 2^-250.
 */
export function randomFieldElement(): bigint {
  return bytesToBigInt(globalThis.crypto.getRandomValues(new Uint8Array(64))) % FIELD_SIZE
}

/** Big-endian bytes (any length) to a non-negative bigint. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex === '' ? 0n : BigInt(`0x${hex}`)
}

/**
 * A non-negative bigint to `length` big-endian bytes (32 by default); throws
 * an {@link InvalidFieldElementError} if it does not fit.
 */
export function bigIntToBytes(value: bigint, length = 32): Uint8Array<ArrayBuffer> {
  if (value < 0n || value >= 1n << BigInt(8 * length)) {
    throw new InvalidFieldElementError(`The value does not fit in ${length} bytes.`, {
      details: `Got ${describe(value)}.`,
    })
  }
  const out = new Uint8Array(length)
  let v = value
  for (let i = length - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}

/** A field element as `0x` and 64 lowercase hex digits (bytes32, as in Solidity). */
export function fieldToHex(value: bigint): `0x${string}` {
  assertField(value)
  return `0x${value.toString(16).padStart(64, '0')}`
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
  return typeof value === 'object' ? (value === null ? 'null' : 'an object') : String(value)
}
