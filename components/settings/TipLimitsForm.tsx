import { type FormEvent, useState } from 'react'
import type { Settings, TipLimits } from '../../background/messages.js'
import { send } from '../api.js'
import { useAction } from '../hooks/useAction.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'

/** The defaults of background/provider/tipLimits.ts: 5 %, per-token amounts at 0.001 of a token. */
const DEFAULT_PERCENT = 5

/** `text` as a fee percent (0–100, at most two decimals), or why not. */
export function parseFeePercent(text: string): { value?: number; error?: string } {
  const trimmed = text.trim()
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(trimmed))
    return { error: 'A percent, like 5 or 2.5 (at most two decimals).' }
  const value = Number(trimmed)
  if (value > 100) return { error: 'At most 100.' }
  return { value }
}

/**
 * The fee ceiling for sites' silent tips (Settings `tipLimits.feePercent`):
 * a tip inside a site's allowance goes without a window only if its relayer
 * fee is at most this share of the tip (or 0.001 of a token, when more), and
 * never more than the tip. The per-token floor and smallest tip are kept as
 * they are.
 */
export function TipLimitsForm({ settings }: { settings: Settings }) {
  const limits = settings.tipLimits
  const [percent, setPercent] = useState(String(limits?.feePercent ?? DEFAULT_PERCENT))
  const [saved, setSaved] = useState(false)
  const save = useAction((tipLimits: TipLimits) => send('settings.update', { tipLimits }))
  const parsed = parseFeePercent(percent)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSaved(false)
    if (parsed.value === undefined) return
    const next: TipLimits = {
      feePercent: parsed.value,
      feeFloor: limits?.feeFloor ?? {},
      minTip: limits?.minTip ?? {},
    }
    if (await save.run(next)) setSaved(true)
  }
  return (
    <form onSubmit={submit} className="stack" data-testid="tip-limits-form">
      <Field
        label="Sites' one-click tips: the most a tip's fee may be without asking (% of the tip)"
        error={parsed.error}
      >
        <input
          inputMode="decimal"
          value={percent}
          onChange={(e) => {
            setPercent(e.target.value)
            setSaved(false)
          }}
          data-testid="settings-tip-fee-percent"
        />
      </Field>
      <p className="hint">
        Or 0.001 of a token (by default), when that is more; never more than the tip. A tip whose
        fee is higher opens a window. Tips under 0.001 of a token (by default) are refused.
      </p>
      <ErrorText error={save.error} testId="tip-limits-error" />
      <button
        type="submit"
        disabled={parsed.value === undefined || save.busy}
        data-testid="tip-limits-save"
      >
        {save.busy ? 'Saving…' : 'Save tip limits'}
      </button>
      {saved && (
        <p className="success" data-testid="tip-limits-saved">
          Saved.
        </p>
      )}
    </form>
  )
}
