import type { TokenBalance } from '../../background/messages.js'
import { formatAmount } from '../../lib/amount.js'
import { type PaymentRequest, requestUnits } from '../../lib/paymentRequest.js'

/** What a payment request fills in the Send form, or why it cannot be paid here. */
export type RequestFill = {
  /** The pool of the request's token (absent: keep the current one). */
  pool?: `0x${string}`
  /** The amount as the form shows it (decimal token units). */
  amountText?: string
  memo?: string
  /** The payee's label from the request, to show ("Requested by …"). */
  label?: string
  /** The request cannot be paid from this wallet as it stands. */
  error?: string
}

/**
 * Matches a parsed `zkpay:` request to the wallet's tokens: the token must
 * be one of its pools, the chain (if named) the wallet's, and the amount
 * within the token's decimals.
 */
export function applyRequest(
  request: PaymentRequest,
  balances: readonly TokenBalance[],
  chainId?: number,
): RequestFill {
  const fill: RequestFill = {
    ...(request.memo !== undefined ? { memo: request.memo } : {}),
    ...(request.label !== undefined ? { label: request.label } : {}),
  }
  if (request.chainId !== undefined && chainId !== undefined && request.chainId !== chainId)
    return {
      ...fill,
      error: `This request is for chain ${request.chainId}; the wallet is on chain ${chainId}.`,
    }
  if (request.token === undefined) return fill
  const balance = balances.find((b) => b.token.toLowerCase() === request.token?.toLowerCase())
  if (!balance)
    return {
      ...fill,
      error: `This request asks for a token this wallet does not hold (${request.token}).`,
    }
  try {
    const units = requestUnits(request, balance.decimals)
    return {
      ...fill,
      pool: balance.pool,
      ...(units !== undefined ? { amountText: formatAmount(units, balance.decimals) } : {}),
    }
  } catch (error) {
    return {
      ...fill,
      pool: balance.pool,
      error: (error as { shortMessage?: string }).shortMessage ?? String(error),
    }
  }
}
