import { z } from 'zod'
import type { PopupRequests, PopupRequestType } from './messages.js'

// The one check of what pages send: every request's data is parsed here
// before a handler sees it, and handlers get typed values.

const hexAddress = z
  .string()
  .regex(
    /^0x[0-9a-fA-F]{40}$/,
    'Expected a 0x address of 40 hex digits.',
  ) as unknown as z.ZodType<`0x${string}`>
/** Base units: a whole decimal number (no sign, no dot). */
const units = z.string().regex(/^\d{1,78}$/, 'Expected an amount in base units (digits only).')
const password = z.string().min(1, 'Enter the password.').max(1024)
const newPassword = z.string().min(8, 'The password needs at least 8 characters.').max(1024)
const memo = z
  .string()
  .refine((s) => new TextEncoder().encode(s).length <= 64, 'The memo is at most 64 bytes.')
const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      return ['http:', 'https:'].includes(new URL(s).protocol)
    } catch {
      return false
    }
  }, 'Expected an http(s) URL.')
const requestId = z.string().min(1).max(64)
const origin = z.string().min(1).max(2048)
/** No data: absent, or null from a page that sends it that way. */
const none = z.union([z.undefined(), z.null()]).transform(() => undefined)

export const requestSchemas: { [K in PopupRequestType]: z.ZodType<PopupRequests[K]['data']> } = {
  'wallet.state': none,
  'wallet.create': z.strictObject({ password: newPassword }),
  'wallet.import': z.strictObject({
    mnemonic: z.string().max(1000),
    password: newPassword,
    replace: z.boolean().optional(),
  }),
  'sync.rescan': none,
  'wallet.watch': z.strictObject({ viewingKey: z.string().max(400), password: newPassword }),
  'wallet.unlock': z.strictObject({ password }),
  'wallet.lock': none,
  'wallet.revealPhrase': z.strictObject({ password }),
  'wallet.exportViewingKey': z.strictObject({ password }),
  'sync.now': none,
  'tx.shield': z.strictObject({ pool: hexAddress, amount: units }),
  'tx.send': z.strictObject({
    pool: hexAddress,
    to: z.string().min(1).max(200),
    amount: units,
    memo: memo.optional(),
  }),
  'tx.unshield': z.strictObject({ pool: hexAddress, to: hexAddress, amount: units }),
  'tx.merge': z.strictObject({ pool: hexAddress }),
  'tx.cancel': z.strictObject({ activityId: z.string().min(1).max(100) }),
  'tx.quoteFee': z.strictObject({ pool: hexAddress, amount: units }),
  'activity.list': none,
  'settings.update': z.strictObject({
    rpcUrl: httpUrl.optional(),
    backupRpcUrls: z.array(httpUrl).max(4).optional(),
    relayerUrl: httpUrl.optional(),
    relayerUrls: z.array(httpUrl).min(1).max(8).optional(),
    useRelayer: z.boolean().optional(),
    autoLockMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    tipLimits: z
      .strictObject({
        feePercent: z.number().min(0).max(100),
        feeFloor: z.record(hexAddress, units),
        minTip: z.record(hexAddress, units),
      })
      .optional(),
    theme: z.enum(['system', 'light', 'dark']).optional(),
    // The whole book (lib/contacts.ts checks each entry before the popup sends it).
    contacts: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1).max(40),
          address: z.string().regex(/^zkpay1[02-9ac-hj-np-z]{110}$/, 'Expected a zkpay1… address.'),
        }),
      )
      .max(500)
      .optional(),
  }),
  'approval.get': z.strictObject({ id: requestId }),
  'approval.decide': z.strictObject({ id: requestId, approve: z.boolean() }),
  'sites.list': none,
  'sites.disconnect': z.strictObject({ origin }),
  'sites.revokeAllowance': z.strictObject({ origin, token: hexAddress }),
}

export function isRequestType(type: unknown): type is PopupRequestType {
  return typeof type === 'string' && Object.hasOwn(requestSchemas, type)
}
