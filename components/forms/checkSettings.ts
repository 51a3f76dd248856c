import type { Settings } from '../../background/messages.js'

type SettingsText = {
  rpcUrl: string
  /** Backup RPC URLs, one a line (or comma-separated); may be empty. */
  backupRpcUrls?: string
  /** One relayer URL a line (or comma-separated). */
  relayerUrls: string
  useRelayer: boolean
  autoLock: string
}

/** The URLs of a list field's text: one a line or comma-separated, blanks dropped. */
export function relayerUrlList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/**
 * Checks the settings form: http(s) URLs (at most 4 backup RPCs, at most 8
 * relayers) and whole minutes from 1 to 1440.
 */
export function checkSettings(text: SettingsText): {
  value?: Partial<Settings>
  errors: Partial<Record<keyof SettingsText, string>>
} {
  const errors: Partial<Record<keyof SettingsText, string>> = {}
  if (!isHttpUrl(text.rpcUrl)) errors.rpcUrl = 'Enter an http:// or https:// URL.'
  const backups = relayerUrlList(text.backupRpcUrls ?? '')
  const badBackup = backups.find((url) => !isHttpUrl(url))
  if (badBackup) errors.backupRpcUrls = `Not an http:// or https:// URL: ${badBackup}`
  else if (backups.length > 4) errors.backupRpcUrls = 'At most 4 backup RPCs.'
  const relayers = relayerUrlList(text.relayerUrls)
  const bad = relayers.find((url) => !isHttpUrl(url))
  if (bad) errors.relayerUrls = `Not an http:// or https:// URL: ${bad}`
  else if (relayers.length > 8) errors.relayerUrls = 'At most 8 relayers.'
  else if (text.useRelayer && relayers.length === 0)
    errors.relayerUrls = 'Enter an http:// or https:// URL, or turn the relayer off.'
  const minutes = Number(text.autoLock)
  if (!/^\d+$/.test(text.autoLock.trim()) || minutes < 1 || minutes > 1440) {
    errors.autoLock = 'A whole number of minutes from 1 to 1440.'
  }
  if (Object.keys(errors).length > 0) return { errors }
  return {
    errors,
    value: {
      rpcUrl: text.rpcUrl.trim(),
      ...(text.backupRpcUrls !== undefined ? { backupRpcUrls: backups } : {}),
      // An empty list is not kept: the last one stays for when the relayer is turned on again.
      ...(relayers.length > 0 ? { relayerUrls: relayers } : {}),
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
