import { type Address, getAddress, type Hex, isAddress } from 'viem'
import { z } from 'zod'
import { RelayError } from '../../lib/errors.js'
import { ENCRYPTED_HISTORY_LENGTH } from '../../lib/historyRecord.js'
import { ENCRYPTED_NOTE_LENGTH } from '../../lib/noteFormat.js'
import type { SolidityProof } from '../../lib/prover/types.js'
import type { RelayerQuote } from '../../lib/relayer/types.js'
import type { ExtData } from '../../lib/transaction/extData.js'

/** A relay request, parsed: numbers as bigints, addresses checksummed. */
export type TransactRequest = {
  pool: Address
  proof: SolidityProof
  publicSignals: bigint[]
  extData: ExtData
  /** The signed quote the wallet set its fee from, as sent. */
  quote?: RelayerQuote
}

const UINT256_MAX = (1n << 256n) - 1n

const uint256 = z
  .string({ error: 'must be a decimal string' })
  .regex(/^(0|[1-9][0-9]{0,77})$/, 'must be a decimal integer')
  .transform(BigInt)
  .refine((n) => n <= UINT256_MAX, 'is out of range')

const int256 = z
  .string({ error: 'must be a decimal string' })
  .regex(/^-?(0|[1-9][0-9]{0,76})$/, 'must be a decimal integer')
  .transform(BigInt)

const address = z
  .string({ error: 'must be an address' })
  .refine((a) => isAddress(a, { strict: false }), 'must be an address')
  .transform((a) => getAddress(a))

/** Exactly `length` bytes of 0x-prefixed hex: ciphertexts have their protocol sizes. */
const bytes = (length: number) =>
  z
    .string({ error: 'must be hex bytes' })
    .regex(/^0x([0-9a-fA-F]{2})*$/, 'must be 0x-prefixed hex bytes')
    .refine((h) => h.length === 2 + 2 * length, `must be exactly ${length} bytes`)
    .transform((h) => h as Hex)

const pair = z.tuple([uint256, uint256])

const decimal = z
  .string({ error: 'must be a decimal string' })
  .regex(/^(0|[1-9][0-9]{0,77})$/, 'must be a decimal integer')

const gas = z.number().int().min(0).max(1_000_000_000)

const quote = z.strictObject({
  relayer: address,
  chainId: z.number().int().positive(),
  pools: z.array(address).min(1).max(64),
  fee: z.strictObject({ flat: decimal, perGas: decimal }),
  gasEstimate: z.strictObject({ tx1: gas, tx2: gas, tx8: gas }),
  validUntil: z.number().int().positive(),
  signature: z
    .string({ error: 'must be hex bytes' })
    .regex(/^0x[0-9a-fA-F]{130}$/, 'must be a 65-byte signature')
    .transform((h) => h as Hex),
})

// Strict objects: an unknown key (including `__proto__` or `constructor` as
// JSON.parse makes them) is refused rather than ignored.
const schema = z.strictObject({
  pool: address,
  proof: z.strictObject({ a: pair, b: z.tuple([pair, pair]), c: pair }),
  publicSignals: z.array(uint256).min(8, 'has too few signals').max(15, 'has too many signals'),
  extData: z.strictObject({
    recipient: address,
    // A shield pulls tokens from the sender, which here would be the relayer.
    extAmount: int256.refine((n) => n <= 0n, 'must not be positive: shields are not relayed'),
    relayer: address,
    fee: uint256,
    encryptedOutput1: bytes(ENCRYPTED_NOTE_LENGTH),
    encryptedOutput2: bytes(ENCRYPTED_NOTE_LENGTH),
    encryptedHistory: bytes(ENCRYPTED_HISTORY_LENGTH),
  }),
  quote: quote.optional(),
})

/** Checks the shape of a `POST /v1/transact` body; a mismatch is `bad_request` naming the field. */
export function parseTransactBody(body: unknown): TransactRequest {
  const result = schema.safeParse(body)
  if (result.success) {
    const { quote, ...rest } = result.data
    return quote ? { ...rest, quote } : rest
  }
  const issue = result.error.issues[0]!
  const where = issue.path.length ? issue.path.join('.') : 'body'
  const message =
    issue.code === 'invalid_type' && issue.path.length === 0
      ? 'must be a JSON object'
      : issue.message
  throw new RelayError('bad_request', `${where} ${message}.`)
}
