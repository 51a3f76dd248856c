import { Monitor, Moon, Sun } from 'lucide-react'
import type { ThemeChoice } from '../../background/messages.js'
import { send } from '../api.js'
import { useAction } from '../hooks/useAction.js'
import { applyTheme } from '../theme.js'
import { ErrorText } from '../ui/ErrorText.js'

const CHOICES: { value: ThemeChoice; label: string; icon: typeof Sun }[] = [
  { value: 'system', label: 'System', icon: Monitor },
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
]

/** Light, dark or the system's: applied at once and kept in the settings. */
export function ThemeToggle({ value }: { value: ThemeChoice | undefined }) {
  const save = useAction((theme: ThemeChoice) => send('settings.update', { theme }))
  const current = value ?? 'system'
  const choose = (theme: ThemeChoice) => {
    applyTheme(theme)
    void save.run(theme)
  }
  return (
    <fieldset className="stack" data-testid="theme-toggle">
      <legend className="field-label">Appearance</legend>
      <div className="segmented">
        {CHOICES.map(({ value: choice, label, icon: Icon }) => (
          <label key={choice}>
            <input
              type="radio"
              name="theme"
              value={choice}
              checked={current === choice}
              onChange={() => choose(choice)}
              data-testid={`theme-${choice}`}
            />
            <Icon size={16} aria-hidden />
            {label}
          </label>
        ))}
      </div>
      <ErrorText error={save.error} />
    </fieldset>
  )
}
