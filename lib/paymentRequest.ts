import { type Address, getAddress } from 'viem'
import { decodeAddress, type ShieldedAddress } from './address.js'
import { parseAmount } from './amount.js'
import { BaseError, type BaseErrorParameters } from './errors.js'
import { MAX_MEMO_BYTES } from './noteFormat.js'

/**
 * Payment requests as `zkpay:` URIs, in the spirit of Zcash's ZIP-321 and
 * Solana Pay: who to pay (a shielded address), and optionally which token,
 * how much (decimal token units), a memo that travels in the note, and a
 * label that names the payee to the payer. The grammar is in
 * docs/provider.md ("Payment requests"):
 *
 *     zkpay:<address>[?<param>=<value>[&<param>=<value>]…]
 *     param: amount | token | memo | label | chain
 *
 * Parsing is strict: an unknown or repeated parameter, an amount with a
 * sign, an exponent or more decimals than the token has, a memo over 64
 * bytes, a bad address or bad percent-encoding are each an
 * {@link InvalidPaymentRequestError} saying which.
 */

/** The URI scheme, without the colon. */
export const PAYMENT_REQUEST_SCHEME = 'zkpay'
/** Longest label, in UTF-8 bytes (a name for the payee, shown to the payer). */
export const MAX_LABEL_BYTES = 100
/** Longest URI accepted (a QR code at level M holds about 2,300 bytes). */
export const MAX_REQUEST_LENGTH = 2048

/** A parsed (or to-be-formatted) payment request. */
export type PaymentRequest = {
  /** The payee, lowercase `zkpay1…`. */
  address: ShieldedAddress
  /** Decimal token units, as written (`"12.5"`): canonical, no sign, no exponent. */
  amount?: string
  /** The ERC-20 the amount is in (checksummed); required with `amount`. */
  token?: Address
  /** Goes in the note; at most 64 bytes of UTF-8. */
  memo?: string
  /** Who the payee is, for the payer's screen (never sent on chain). */
  label?: string
  /** The chain the token lives on (decimal chain id). */
  chainId?: number
}

/** What is wrong with a request, for code that reacts to one kind. */
export type PaymentRequestProblem =
  | 'scheme'
  | 'address'
  | 'amount'
  | 'decimals'
  | 'token'
  | 'memo'
  | 'label'
  | 'chain'
  | 'unknown_param'
  | 'duplicate_param'
  | 'encoding'
  | 'too_long'

/** A malformed `zkpay:` URI (or request to format); `problem` says which part. */
export class InvalidPaymentRequestError extends BaseError {
  override name = 'InvalidPaymentRequestError'
  readonly problem: PaymentRequestProblem
  constructor(problem: PaymentRequestProblem, shortMessage: string, params?: BaseErrorParameters) {
    super('bad_request', shortMessage, params)
    this.problem = problem
  }
}

/** Options of parsing and formatting. */
export type PaymentRequestOptions = {
  /** The token's decimals: the amount is checked against them (too many decimals, too large). */
  decimals?: number
}

const PARAMS = ['amount', 'token', 'memo', 'label', 'chain'] as const
type Param = (typeof PARAMS)[number]
const isParam = (name: string): name is Param => (PARAMS as readonly string[]).includes(name)

const fail = (problem: PaymentRequestProblem, message: string, cause?: unknown) =>
  new InvalidPaymentRequestError(problem, message, cause === undefined ? undefined : { cause })

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length

/** Whether `text` looks like a payment request (starts with `zkpay:`, any case). */
export function isPaymentRequest(text: string): boolean {
  return text.trim().toLowerCase().startsWith(`${PAYMENT_REQUEST_SCHEME}:`)
}

function checkAddress(text: string): ShieldedAddress {
  try {
    decodeAddress(text)
  } catch (error) {
    const short = (error as { shortMessage?: string }).shortMessage ?? String(error)
    throw fail('address', `The request's address is not valid: ${short}`, error)
  }
  return text.toLowerCase() as ShieldedAddress
}

function checkAmount(text: string, decimals: number | undefined): string {
  if (!/^\d+(\.\d+)?$/.test(text))
    throw fail(
      'amount',
      `The request's amount "${text.slice(0, 40)}" is not a plain decimal number (digits, one dot, no sign, no exponent).`,
    )
  const [whole = '', fraction = ''] = text.split('.')
  const canonical = `${whole.replace(/^0+(?=\d)/, '')}${fraction.replace(/0+$/, '') ? `.${fraction.replace(/0+$/, '')}` : ''}`
  if (/^0(\.0*)?$/.test(canonical)) throw fail('amount', "The request's amount is zero.")
  if (decimals !== undefined) {
    const digits = canonical.split('.')[1]?.length ?? 0
    if (digits > decimals)
      throw fail(
        'decimals',
        `The request's amount has ${digits} decimal places; this token has ${decimals}.`,
      )
    try {
      parseAmount(canonical, decimals)
    } catch (error) {
      throw fail('amount', "The request's amount is too large.", error)
    }
  }
  return canonical
}

function checkToken(text: string): Address {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text))
    throw fail('token', "The request's token is not a 0x address of 40 hex digits.")
  const hex = text.slice(2)
  if (hex !== hex.toLowerCase() && hex !== hex.toUpperCase() && text !== getAddress(text))
    throw fail('token', "The request's token address has a wrong checksum (upper/lowercase).")
  return getAddress(text)
}

function checkMemo(memo: string): string {
  const bytes = utf8Bytes(memo)
  if (bytes > MAX_MEMO_BYTES)
    throw fail('memo', `The request's memo is ${bytes} bytes; at most ${MAX_MEMO_BYTES} fit.`)
  return memo
}

function checkLabel(label: string): string {
  const bytes = utf8Bytes(label)
  if (bytes > MAX_LABEL_BYTES)
    throw fail('label', `The request's label is ${bytes} bytes; at most ${MAX_LABEL_BYTES}.`)
  return label
}

function checkChain(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw fail('chain', `The request's chain "${text.slice(0, 20)}" is not a decimal chain id.`)
  return Number(text)
}

function decode(name: string, value: string): string {
  try {
    return decodeURIComponent(value)
  } catch (error) {
    throw fail('encoding', `The request's ${name} has broken percent-encoding.`, error)
  }
}

/**
 * Parses a `zkpay:` URI. Surrounding whitespace is ignored; the scheme and
 * the address may be in either case (QR codes); parameter names are
 * lowercase. With `decimals`, the amount is checked against the token's.
 */
export function parsePaymentRequest(
  uri: string,
  options: PaymentRequestOptions = {},
): PaymentRequest {
  if (typeof uri !== 'string') throw fail('scheme', 'The payment request is not text.')
  const text = uri.trim()
  if (text.length > MAX_REQUEST_LENGTH)
    throw fail('too_long', `The payment request is longer than ${MAX_REQUEST_LENGTH} characters.`)
  if (!isPaymentRequest(text))
    throw fail('scheme', `A payment request starts with ${PAYMENT_REQUEST_SCHEME}:.`)
  const rest = text.slice(PAYMENT_REQUEST_SCHEME.length + 1)
  const queryAt = rest.indexOf('?')
  const addressText = queryAt < 0 ? rest : rest.slice(0, queryAt)
  const query = queryAt < 0 ? '' : rest.slice(queryAt + 1)
  if (addressText.startsWith('//'))
    throw fail('address', 'Write zkpay:zkpay1…, without // after the colon.')
  const request: PaymentRequest = { address: checkAddress(addressText) }
  const seen = new Set<string>()
  if (query !== '') {
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=')
      if (pair === '' || eq <= 0)
        throw fail('encoding', `The request has a parameter without a name or value: "${pair}".`)
      const name = pair.slice(0, eq)
      if (!isParam(name))
        throw fail(
          'unknown_param',
          `The request has a parameter this wallet does not know: "${name.slice(0, 30)}".`,
        )
      if (seen.has(name)) throw fail('duplicate_param', `The request names "${name}" twice.`)
      seen.add(name)
      const value = decode(name, pair.slice(eq + 1))
      if (value === '') throw fail(name, `The request's ${name} is empty.`)
      if (name === 'amount') request.amount = checkAmount(value, options.decimals)
      else if (name === 'token') request.token = checkToken(value)
      else if (name === 'memo') request.memo = checkMemo(value)
      else if (name === 'label') request.label = checkLabel(value)
      else request.chainId = checkChain(value)
    }
  }
  if (request.amount !== undefined && request.token === undefined)
    throw fail('token', 'The request has an amount but names no token.')
  return request
}

/**
 * Writes `request` as a `zkpay:` URI: the address in lowercase, then
 * `amount`, `token`, `chain`, `memo`, `label` in that order, values
 * percent-encoded as `encodeURIComponent` does. Throws the same errors as
 * parsing for what parsing would refuse.
 */
export function formatPaymentRequest(
  request: PaymentRequest,
  options: PaymentRequestOptions = {},
): string {
  const address = checkAddress(request.address)
  const params: string[] = []
  if (request.amount !== undefined) {
    if (request.token === undefined)
      throw fail('token', 'A request with an amount must name its token.')
    params.push(`amount=${checkAmount(request.amount.trim(), options.decimals)}`)
  }
  if (request.token !== undefined) params.push(`token=${checkToken(request.token)}`)
  if (request.chainId !== undefined) params.push(`chain=${checkChain(String(request.chainId))}`)
  if (request.memo !== undefined && request.memo !== '')
    params.push(`memo=${encodeURIComponent(checkMemo(request.memo))}`)
  if (request.label !== undefined && request.label !== '')
    params.push(`label=${encodeURIComponent(checkLabel(request.label))}`)
  const uri = `${PAYMENT_REQUEST_SCHEME}:${address}${params.length ? `?${params.join('&')}` : ''}`
  if (uri.length > MAX_REQUEST_LENGTH)
    throw fail('too_long', `The payment request is longer than ${MAX_REQUEST_LENGTH} characters.`)
  return uri
}

/** The request's amount in base units of a token with `decimals` (checked), if it has one. */
export function requestUnits(request: PaymentRequest, decimals: number): bigint | undefined {
  if (request.amount === undefined) return undefined
  return parseAmount(checkAmount(request.amount, decimals), decimals)
}
