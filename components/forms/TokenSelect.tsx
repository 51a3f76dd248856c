import type { TokenBalance } from '../../background/messages.js'
import { Field } from '../ui/Field.js'

type TokenSelectProps = {
  balances: TokenBalance[]
  value?: `0x${string}`
  onChange(pool: `0x${string}`): void
}

/** A token picker, shown only when there is more than one pool. */
export function TokenSelect({ balances, value, onChange }: TokenSelectProps) {
  if (balances.length < 2) return null
  return (
    <Field label="Token">
      <select
        value={value}
        onChange={(e) => onChange(e.target.value as `0x${string}`)}
        data-testid="token-select"
      >
        {balances.map((b) => (
          <option key={b.pool} value={b.pool}>
            {b.symbol}
          </option>
        ))}
      </select>
    </Field>
  )
}
