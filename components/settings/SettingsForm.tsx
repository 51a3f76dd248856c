import { type FormEvent, useState } from 'react'
import type { Settings } from '../../background/messages.js'
import { send } from '../api.js'
import { checkSettings } from '../forms/checkSettings.js'
import { useAction } from '../hooks/useAction.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Field } from '../ui/Field.js'
import { Spinner } from '../ui/Spinner.js'
import { TipLimitsForm } from './TipLimitsForm.js'

/** RPC and its backups, relayer list and auto-lock settings, saved with `settings.update`; then the tip limits. */
export function SettingsForm({ settings }: { settings: Settings }) {
  const [rpcUrl, setRpcUrl] = useState(settings.rpcUrl)
  const [backupRpcUrls, setBackupRpcUrls] = useState((settings.backupRpcUrls ?? []).join('\n'))
  const [relayerUrls, setRelayerUrls] = useState(settings.relayerUrls.join('\n'))
  const [useRelayer, setUseRelayer] = useState(settings.useRelayer)
  const [autoLock, setAutoLock] = useState(String(settings.autoLockMinutes))
  const [saved, setSaved] = useState(false)
  const save = useAction((update: Partial<Settings>) => send('settings.update', update))
  const checked = checkSettings({ rpcUrl, backupRpcUrls, relayerUrls, useRelayer, autoLock })

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSaved(false)
    if (!checked.value) return
    if (await save.run(checked.value)) setSaved(true)
  }
  return (
    <>
      <form onSubmit={submit} className="stack" data-testid="settings-form">
        <Field label="RPC URL" error={checked.errors.rpcUrl}>
          <input
            spellCheck={false}
            value={rpcUrl}
            onChange={(e) => setRpcUrl(e.target.value)}
            data-testid="settings-rpc"
          />
        </Field>
        <Field
          label="Backup RPC URLs (one a line, tried in order when the first one fails)"
          error={checked.errors.backupRpcUrls}
        >
          <textarea
            spellCheck={false}
            rows={2}
            value={backupRpcUrls}
            onChange={(e) => setBackupRpcUrls(e.target.value)}
            data-testid="settings-backup-rpc"
          />
        </Field>
        <Field
          label="Relayer URLs (one a line: the cheapest healthy one is used, the next if it fails)"
          error={checked.errors.relayerUrls}
        >
          <textarea
            spellCheck={false}
            rows={Math.min(4, Math.max(2, settings.relayerUrls.length))}
            value={relayerUrls}
            onChange={(e) => setRelayerUrls(e.target.value)}
            data-testid="settings-relayer"
          />
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={useRelayer}
            onChange={(e) => setUseRelayer(e.target.checked)}
            data-testid="settings-use-relayer"
          />
          Send through the relayer (keeps your public account out of payments)
        </label>
        <Field label="Lock after (minutes idle)" error={checked.errors.autoLock}>
          <input
            inputMode="numeric"
            value={autoLock}
            onChange={(e) => setAutoLock(e.target.value)}
            data-testid="settings-autolock"
          />
        </Field>
        <ErrorText error={save.error} testId="settings-error" />
        {save.busy ? (
          <Spinner label="Saving and reconnecting…" />
        ) : (
          <button
            type="submit"
            className="primary"
            disabled={!checked.value}
            data-testid="settings-save"
          >
            Save
          </button>
        )}
        {saved && (
          <p className="success" data-testid="settings-saved">
            Saved.
          </p>
        )}
      </form>
      <TipLimitsForm settings={settings} />
    </>
  )
}
