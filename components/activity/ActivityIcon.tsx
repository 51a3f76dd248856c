import { ArrowDownLeft, ArrowUpRight, Combine, ShieldMinus, ShieldPlus } from 'lucide-react'
import type { Activity } from '../../background/messages.js'

const ICONS = {
  send: ArrowUpRight,
  receive: ArrowDownLeft,
  shield: ShieldPlus,
  unshield: ShieldMinus,
  merge: Combine,
} as const

/** The round icon at the start of a payment's row. */
export function ActivityIcon({ kind }: { kind: Activity['kind'] }) {
  const Icon = ICONS[kind]
  return (
    <span className="activity-icon" aria-hidden>
      <Icon size={18} />
    </span>
  )
}
