import type { Settings } from '../../background/messages.js'

type SettingsText = { rpcUrl: string; relayerUrl: string; useRelayer: boolean; autoLock: string }

/** Checks the settings form: http(s) URLs and whole minutes from 1 to 1440. */
export function checkSettings(text: SettingsText): {
  value?: Settings
  errors: Partial<Record<keyof SettingsText, string>>
} {
  const errors: Partial<Record<keyof SettingsText, string>> = {}
  if (!isHttpUrl(text.rpcUrl)) errors.rpcUrl = 'Enter an http:// or https:// URL.'
  if (text.useRelayer && !isHttpUrl(text.relayerUrl)) {
    errors.relayerUrl = 'Enter an http:// or https:// URL, or turn the relayer off.'
  } else if (text.relayerUrl.trim() !== '' && !isHttpUrl(text.relayerUrl)) {
    errors.relayerUrl = 'Enter an http:// or https:// URL.'
  }
  const minutes = Number(text.autoLock)
  if (!/^\d+$/.test(text.autoLock.trim()) || minutes < 1 || minutes > 1440) {
    errors.autoLock = 'A whole number of minutes from 1 to 1440.'
  }
  if (Object.keys(errors).length > 0) return { errors }
  return {
    errors,
    value: {
      rpcUrl: text.rpcUrl.trim(),
      relayerUrl: text.relayerUrl.trim(),
      useRelayer: text.useRelayer,
      autoLockMinutes: minutes,
    },
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim())
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
