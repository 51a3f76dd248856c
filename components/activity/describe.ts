import type { Activity } from '../../background/messages.js'
import { formatUnits, shortAddress } from '../format.js'

/** Which way a payment moves the balance: in, out, or neither (a merge). */
export type Direction = 'in' | 'out' | 'none'

/** One payment in words, as the activity list and Home show it. */
export type Described = {
  /** "Paid 0.05 zUSD to shop.example (coffee)", "Received 2 zUSD", "Merged 8 notes". */
  title: string
  /** "0.05 zUSD", with its sign in `direction`. */
  amount: string
  direction: Direction
  /** Who or where: a site's host, a contact, a short address; none for shields and merges. */
  counterparty?: string
  /** "Settled", "Pending", "Failed", "Preparing". */
  state: string
}

/** Names for addresses (contacts), when the wallet has them. */
export type NameOf = (address: string) => string | undefined

/** The host of a site's origin: `https://shop.example` → `shop.example`. */
export function siteName(origin: string): string {
  try {
    return new URL(origin).host || origin
  } catch {
    return origin
  }
}

/** Who a payment went to or came from, as a person reads it. */
export function counterpartyName(activity: Activity, nameOf?: NameOf): string | undefined {
  if (activity.site) return siteName(activity.site)
  const address = activity.counterparty
  if (!address) return undefined
  return nameOf?.(address) ?? shortAddress(address, address.startsWith('0x') ? 6 : 8)
}

const STATE: Record<Activity['status'], string> = {
  proving: 'Preparing',
  submitting: 'Sending',
  pending: 'Pending',
  settled: 'Settled',
  failed: 'Failed',
}

/** The state of a payment in one word. */
export function stateWord(status: Activity['status']): string {
  return STATE[status]
}

/** A payment in words: one sentence, its amount, its direction and its state. */
export function describeActivity(activity: Activity, nameOf?: NameOf): Described {
  const value = `${formatUnits(activity.amount, activity.decimals)} ${activity.symbol}`
  const who = counterpartyName(activity, nameOf)
  const memo = activity.memo ? ` (${activity.memo})` : ''
  const state = STATE[activity.status]
  switch (activity.kind) {
    case 'send':
      return {
        title: `Paid ${value}${who ? ` to ${who}` : ''}${memo}`,
        amount: value,
        direction: 'out',
        counterparty: who,
        state,
      }
    case 'receive':
      return {
        title: `Received ${value}${who ? ` from ${who}` : ''}${memo}`,
        amount: value,
        direction: 'in',
        counterparty: who,
        state,
      }
    case 'shield':
      return { title: `Shielded ${value}`, amount: value, direction: 'in', state }
    case 'unshield':
      return {
        title: `Unshielded ${value}${who ? ` to ${who}` : ''}`,
        amount: value,
        direction: 'out',
        counterparty: who,
        state,
      }
    case 'merge':
      return {
        title: activity.inputs ? `Merged ${activity.inputs} notes` : 'Merged notes',
        amount: value,
        direction: 'none',
        state,
      }
  }
}

/** Still on its way: shown on Home with its amount. */
export function isPending(activity: Activity): boolean {
  return (
    activity.status === 'proving' ||
    activity.status === 'submitting' ||
    activity.status === 'pending'
  )
}

/**
 * One entry per transaction: notes received in the same transaction (a
 * payment split over two outputs to us) are one receipt of their sum.
 * Keeps the order of `list`.
 */
export function oneEntryPerTransaction(list: Activity[]): Activity[] {
  const byTx = new Map<string, Activity>()
  const out: Activity[] = []
  for (const activity of list) {
    if (activity.kind !== 'receive' || !activity.txHash) {
      out.push(activity)
      continue
    }
    const seen = byTx.get(activity.txHash)
    if (!seen) {
      const copy = { ...activity }
      byTx.set(activity.txHash, copy)
      out.push(copy)
      continue
    }
    seen.amount = (BigInt(seen.amount) + BigInt(activity.amount)).toString()
    if (!seen.memo && activity.memo) seen.memo = activity.memo
  }
  return out
}
