import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { formatAmount, parseAmount } from '../lib/amount.js'
import {
  BaseError,
  InsufficientBalanceError,
  InvalidConfigError,
  InvalidNoteError,
} from '../lib/errors.js'
import { MAX_MEMO_BYTES } from '../lib/noteFormat.js'
import { certainlyNotSubmitted } from '../lib/relayer/certainlyNotSubmitted.js'
import type { RelaySubmitter } from '../lib/relayer/createRelaySubmitter.js'
import type { SettledTransaction } from '../lib/wallet/createPoolWallet.js'
import type { Context } from './context.js'
import { createStageReporter, type Stage } from './progress.js'

/** Parses an amount typed in token units with the pool token's decimals (read from chain). */
export async function parseTokenAmount(ctx: Context, text: string): Promise<bigint> {
  const token = await ctx.token()
  return parseAmount(text, token.decimals)
}

/** `12.5 zUSD` */
export async function formatTokens(ctx: Context, units: bigint): Promise<string> {
  const token = await ctx.token()
  return `${formatAmount(units, token.decimals)} ${token.symbol}`
}

/** Checks a memo's size before anything else happens (the note format holds 64 bytes). */
export function checkMemo(memo: string): void {
  const bytes = new TextEncoder().encode(memo).length
  if (bytes > MAX_MEMO_BYTES)
    throw new InvalidNoteError(
      `The memo is too long: ${bytes} bytes of UTF-8, at most ${MAX_MEMO_BYTES}.`,
    )
}

/** Resolves a file to write after a spend, and fails before spending if its folder does not exist. */
export function outputFile(path: string, what: string): string {
  const full = resolve(path)
  if (!existsSync(dirname(full)))
    throw new InvalidConfigError(`The folder for ${what} does not exist: ${dirname(full)}.`)
  return full
}

/**
 * Runs a spend after a sync, reporting its stages on stderr, and caches the
 * sync afterwards. Through `relays` (cheapest first) when there are any: a
 * relayer that certainly sent nothing (it refused, or could not be reached)
 * hands over to the next; one that may have sent (a timeout after taking the
 * transaction) ends the command with that error, since the payment may
 * still land and a second one would pay twice. A short balance is restated
 * in token units.
 */
export async function runSpend(
  ctx: Context,
  relays: readonly RelaySubmitter[],
  spend: (
    onProgress: (stage: Stage) => void,
    relay?: RelaySubmitter,
  ) => Promise<SettledTransaction>,
): Promise<SettledTransaction> {
  const { wallet, sync, save } = await ctx.wallet()
  const relayed = relays.length > 0
  await sync()
  const reporter = createStageReporter(ctx.output)
  try {
    for (let i = 0; ; i++) {
      try {
        return await spend(reporter.stage, relays[i])
      } catch (error) {
        const next = relays[i + 1]
        if (!next || !certainlyNotSubmitted(error)) throw error
        reporter.done()
        ctx.output.info(
          `the relayer at ${relays[i]!.url} did not take it (${error instanceof BaseError ? error.shortMessage : String(error)}); trying ${next.url}`,
        )
        await sync()
      }
    }
  } catch (error) {
    if (error instanceof InsufficientBalanceError)
      throw new InsufficientBalanceError(
        `Not enough shielded balance: ${await formatTokens(ctx, wallet.balance())} available${relayed ? ", and the relayer's fee comes on top of the amount" : ''}.`,
      )
    throw error
  } finally {
    reporter.done()
    await save().catch(() => undefined)
  }
}

/** The common part of a spend's result: where it landed and what the relayer took. */
export async function settledSummary(ctx: Context, settled: SettledTransaction) {
  const fee = settled.prepared.extData.fee
  const token = await ctx.token()
  return {
    line: `in tx ${settled.txHash} (block ${settled.blockNumber})${fee > 0n ? `, relayer fee ${await formatTokens(ctx, fee)}` : ''}`,
    json: {
      txHash: settled.txHash,
      blockNumber: settled.blockNumber,
      gasUsed: settled.gasUsed,
      fee: formatAmount(fee, token.decimals),
      ...(fee > 0n ? { relayer: settled.prepared.extData.relayer } : {}),
      symbol: token.symbol,
    },
  }
}
