import { type Address, isAddressEqual } from 'viem'
import type { CircuitName } from '../circuits.js'
import { BaseError, NoRelayerError } from '../errors.js'
import type { RelaySubmitter } from './createRelaySubmitter.js'
import { circuitFee } from './relayFee.js'
import type { RelayerStatus } from './types.js'

/** A relayer that answered, with its checked status. */
export type RankedRelayer = { submitter: RelaySubmitter; status: RelayerStatus }

export type RankRelayersParameters = {
  chainId: number
  pool: Address
  /** Cheapest by the fee for this circuit (default `tx1`, the common payment). */
  circuit?: CircuitName
  /** Fetch each status again rather than take a kept one. */
  refresh?: boolean
}

/** Why a relayer was left out, for the error when none is left. */
export type SkippedRelayer = { url: string; reason: string }

/**
 * Asks every relayer for its `/status` at once (each with its timeout) and
 * keeps the healthy ones: it answered with a quote it signed that has not
 * expired, serves `pool` on `chainId`, and has the gas for its largest
 * relay. Cheapest first; the order of `submitters` breaks ties. Throws a
 * NoRelayerError naming each relayer's reason when none is healthy.
 *
 * @example
 * const [best, ...fallbacks] = await rankRelayers(urls.map((u) => createRelaySubmitter(u)), { chainId, pool })
 */
export async function rankRelayers(
  submitters: readonly RelaySubmitter[],
  params: RankRelayersParameters,
): Promise<RankedRelayer[]> {
  if (submitters.length === 0) throw new NoRelayerError('No relayer is configured.')
  const circuit = params.circuit ?? 'tx1'
  const skipped: SkippedRelayer[] = []
  const answers = await Promise.all(
    submitters.map(async (submitter) => {
      try {
        const status = await submitter.status({ refresh: params.refresh ?? false })
        const reason = unhealthy(status, params)
        if (!reason) return { submitter, status }
        skipped.push({ url: submitter.url, reason })
      } catch (error) {
        skipped.push({ url: submitter.url, reason: reasonOf(error) })
      }
      return undefined
    }),
  )
  const ranked = answers
    .map((answer, index) => ({ answer, index }))
    .filter((a): a is { answer: RankedRelayer; index: number } => a.answer !== undefined)
    .sort((a, b) => {
      const x = circuitFee(a.answer.status, circuit)
      const y = circuitFee(b.answer.status, circuit)
      return x === y ? a.index - b.index : x < y ? -1 : 1
    })
    .map((a) => a.answer)
  if (ranked.length === 0)
    throw new NoRelayerError(
      `No relayer can take this payment: ${skipped.map((s) => `${s.url}: ${s.reason}`).join('; ')}`,
    )
  return ranked
}

function unhealthy(status: RelayerStatus, params: RankRelayersParameters): string | undefined {
  if (status.chainId !== params.chainId) return `it serves chain ${status.chainId}`
  if (!status.pools.some((p) => isAddressEqual(p.pool, params.pool)))
    return `it does not serve the pool ${params.pool}`
  const needed = BigInt(status.feeRule.gasPrice) * BigInt(status.gasEstimate.tx8)
  if (status.gasBalance < needed) return 'it is out of gas money'
  return undefined
}

function reasonOf(error: unknown): string {
  const message =
    error instanceof BaseError
      ? error.shortMessage
      : error instanceof Error
        ? error.message
        : String(error)
  return message.replace(/\.$/, '')
}
