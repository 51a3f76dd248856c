import { decodeAddress, parseEvmAddress } from '../../lib/address.js'
import { parseAmount } from '../../lib/amount.js'
import { errorMessage } from '../errorMessage.js'

/** The result of checking one form field: a value, or a readable error. */
export type Checked<T> = { value: T; error?: undefined } | { value?: undefined; error: string }

/** Most bytes a memo may have (protocol v1: the encrypted output holds 64). */
export const MEMO_LIMIT = 64

/** Checks a typed amount against the token's decimals and, if given, what is available. */
export function checkAmount(
  text: string,
  decimals: number,
  available?: { units: bigint; what: string },
): Checked<bigint> {
  let units: bigint
  try {
    units = parseAmount(text, decimals)
  } catch (error) {
    return { error: shortMessage(error) }
  }
  if (available && units > available.units) return { error: `More than your ${available.what}.` }
  return { value: units }
}

/** Checks a shielded `zkpay1…` address; the error says what is wrong with it. */
export function checkShieldedAddress(text: string): Checked<string> {
  try {
    decodeAddress(text)
    return { value: text.trim() }
  } catch (error) {
    return { error: shortMessage(error) }
  }
}

/** Checks a public `0x…` address (EIP-55 checksum if mixed case; not the zero address). */
export function checkEvmAddress(text: string): Checked<`0x${string}`> {
  try {
    return { value: parseEvmAddress(text) }
  } catch (error) {
    return { error: shortMessage(error) }
  }
}

/** UTF-8 bytes of a memo. */
export function memoBytes(memo: string): number {
  return new TextEncoder().encode(memo).length
}

/** Checks a memo fits the encrypted output. */
export function checkMemo(memo: string): Checked<string | undefined> {
  const bytes = memoBytes(memo)
  if (bytes > MEMO_LIMIT) {
    return { error: `The memo is ${bytes} bytes; at most ${MEMO_LIMIT} fit.` }
  }
  return { value: memo === '' ? undefined : memo }
}

/** Checks a new password and its repetition. */
export function checkNewPassword(password: string, repeat: string): Checked<string> {
  if (password.length < 8) return { error: 'Use at least 8 characters.' }
  if (password !== repeat) return { error: 'The two passwords differ.' }
  return { value: password }
}

/** lib errors carry details after the short message; the form shows the short one. */
function shortMessage(error: unknown): string {
  const short = (error as { shortMessage?: unknown }).shortMessage
  return typeof short === 'string' ? short : errorMessage(error)
}
