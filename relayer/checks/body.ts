import { type Address, getAddress, type Hex, isAddress } from 'viem'
import { z } from 'zod'
import { RelayError } from '../../lib/errors.js'
import type { SolidityProof } from '../../lib/prover/types.js'
import type { ExtData } from '../../lib/transaction/extData.js'

/** A relay request, parsed: numbers as bigints, addresses checksummed. */
export type TransactRequest = {
  pool: Address
  proof: SolidityProof
  publicSignals: bigint[]
  extData: ExtData
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

const bytes = z
  .string({ error: 'must be hex bytes' })
  .regex(/^0x([0-9a-fA-F]{2})*$/, 'must be 0x-prefixed hex bytes')
  .transform((h) => h as Hex)

const pair = z.tuple([uint256, uint256])

const schema = z.object({
  pool: address,
  proof: z.object({ a: pair, b: z.tuple([pair, pair]), c: pair }),
  publicSignals: z.array(uint256).min(6, 'has too few signals').max(13, 'has too many signals'),
  extData: z.object({
    recipient: address,
    // A shield pulls tokens from the sender, which here would be the relayer.
    extAmount: int256.refine((n) => n <= 0n, 'must not be positive: shields are not relayed'),
    relayer: address,
    fee: uint256,
    encryptedOutput1: bytes,
    encryptedOutput2: bytes,
  }),
})

/** Checks the shape of a `POST /v1/transact` body; a mismatch is `bad_request` naming the field. */
export function parseTransactBody(body: unknown): TransactRequest {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const where = issue.path.length ? issue.path.join('.') : 'body'
  const message =
    issue.code === 'invalid_type' && issue.path.length === 0
      ? 'must be a JSON object'
      : issue.message
  throw new RelayError('bad_request', `${where} ${message}.`)
}
