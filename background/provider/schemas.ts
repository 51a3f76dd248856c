import { type Address, getAddress } from 'viem'
import { z } from 'zod'
import { decodeAddress } from '../../lib/address.js'
import { parseAmount } from '../../lib/amount.js'
import { BaseError } from '../../lib/errors.js'
import { ProviderRpcError } from '../../lib/provider/providerErrors.js'
import type { SiteAllowanceParams, SitePaymentParams } from '../db.js'

// The one check of what a page sends: each method's params are parsed here,
// strictly (an unknown field is an error), before anything acts on them.

/** The methods of docs/provider.md. */
export const providerMethods = [
  'zkpay_connect',
  'zkpay_accounts',
  'zkpay_chainId',
  'zkpay_pay',
  'zkpay_tip',
  'zkpay_requestAllowance',
  'zkpay_allowances',
  'zkpay_disconnect',
] as const
export type ProviderMethod = (typeof providerMethods)[number]

export function isProviderMethod(method: string): method is ProviderMethod {
  return (providerMethods as readonly string[]).includes(method)
}

const token = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'token must be the token contract address (0x and 40 hex digits)')
const amount = z.string().max(100, 'amount is too long')
/** An idempotency key: a retry with the same key from the same origin pays once. */
const idempotencyKey = z
  .string()
  .min(1, 'idempotencyKey is empty')
  .max(64, 'idempotencyKey is at most 64 characters')
  .regex(/^[\x21-\x7e]+$/, 'idempotencyKey is printable ASCII without spaces')
const memo = z
  .string()
  .refine((s) => new TextEncoder().encode(s).length <= 64, 'memo is at most 64 bytes of UTF-8')
/** No params: absent, null, an empty array or an empty object. */
const none = z.union([
  z.undefined(),
  z.null(),
  z.tuple([]),
  z.strictObject({}, { error: 'this method takes no params' }),
])

const schemas = {
  none,
  pay: z.strictObject(
    {
      to: z.string().max(200),
      amount,
      token,
      memo: memo.optional(),
      idempotencyKey: idempotencyKey.optional(),
    },
    { error: 'params must be { to, amount, token, memo?, idempotencyKey? }' },
  ),
  tip: z.strictObject(
    {
      to: z.string().max(200),
      amount,
      token,
      memo: memo.optional(),
      prompt: z.boolean().optional(),
      idempotencyKey: idempotencyKey.optional(),
    },
    { error: 'params must be { to, amount, token, memo?, prompt?, idempotencyKey? }' },
  ),
  allowance: z.strictObject(
    { token, amount, period: z.enum(['hour', 'day', 'week', 'month']) },
    { error: 'params must be { token, amount, period }' },
  ),
}

/** A payment's params as stored with its request; the key names the payment for retries. */
export type PaymentParams = SitePaymentParams & { idempotencyKey?: string }

/** The pool of a token the wallet holds, and the token's decimals. */
export type TokenLookup = (
  token: Address,
) => Promise<{ pool: Address; decimals: number } | undefined>

function invalid(message: string): never {
  throw new ProviderRpcError('invalid_params', message)
}

/**
 * Refuses every own key the schema does not name, `__proto__` and
 * `constructor` included: `JSON.parse` makes `"__proto__"` an own key, and
 * the check must not depend on how a schema library treats it.
 */
function onlyKnownKeys(schema: z.ZodType, params: unknown): void {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return
  const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
  const proto = Object.getPrototypeOf(params)
  if (proto !== Object.prototype && proto !== null)
    invalid('Bad params: params must be a plain object.')
  for (const key of Reflect.ownKeys(params)) {
    if (typeof key !== 'string' || !shape.includes(key) || !Object.hasOwn(params, key))
      invalid(`Bad params: ${String(key)}: no such field.`)
  }
}

function check<T>(schema: z.ZodType<T>, params: unknown): T {
  onlyKnownKeys(schema, params)
  const parsed = schema.safeParse(params)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  return invalid(`Bad params: ${field}${issue?.message ?? 'invalid'}.`)
}

/** A wallet error on a field (a bad address or amount) as -32602 with its message. */
function field<T>(name: string, read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof BaseError) invalid(`Bad params: ${name}: ${error.shortMessage}`)
    throw error
  }
}

async function poolOf(lookup: TokenLookup, address: string) {
  const found = await lookup(getAddress(address))
  if (!found) invalid(`Bad params: token: this wallet holds no pool for the token ${address}.`)
  return { token: getAddress(address), ...found }
}

/** Params of a method that takes none; throws -32602 otherwise. */
export function parseNoParams(params: unknown): void {
  check(schemas.none, params)
}

/** `zkpay_pay` / `zkpay_tip` params, amounts into base units. */
export async function parsePaymentParams(
  method: 'zkpay_pay' | 'zkpay_tip',
  params: unknown,
  lookup: TokenLookup,
): Promise<PaymentParams> {
  const p = check<z.infer<typeof schemas.tip>>(
    method === 'zkpay_pay' ? schemas.pay : schemas.tip,
    params,
  )
  field('to', () => decodeAddress(p.to))
  const { pool, token, decimals } = await poolOf(lookup, p.token)
  const units = field('amount', () => parseAmount(p.amount, decimals))
  return {
    pool,
    token,
    to: p.to,
    amount: units.toString(),
    ...(p.memo ? { memo: p.memo } : {}),
    prompt: p.prompt ?? true,
    ...(p.idempotencyKey ? { idempotencyKey: p.idempotencyKey } : {}),
  }
}

/** `zkpay_requestAllowance` params, the amount into base units. */
export async function parseAllowanceParams(
  params: unknown,
  lookup: TokenLookup,
): Promise<SiteAllowanceParams> {
  const p = check(schemas.allowance, params)
  const { pool, token, decimals } = await poolOf(lookup, p.token)
  const units = field('amount', () => parseAmount(p.amount, decimals))
  return { pool, token, amount: units.toString(), period: p.period }
}
