/** The popup's screens once the wallet is unlocked. */
export type ScreenName =
  | 'home'
  | 'receive'
  | 'send'
  | 'shield'
  | 'unshield'
  | 'activity'
  | 'merge'
  | 'sites'
  | 'settings'

/** Where the popup is: a screen and, for token screens, the pool chosen on Home. */
export type Route = {
  screen: ScreenName
  pool?: `0x${string}`
  /** On `activity`: the payment whose details open at once. */
  activityId?: string
}

export type Go = (screen: ScreenName, pool?: `0x${string}`) => void
