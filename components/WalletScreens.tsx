import { useState } from 'react'
import type { SyncStatus, WalletState } from '../background/messages.js'
import type { Go, Route } from './navigation.js'
import { Activity } from './screens/Activity.js'
import { Home } from './screens/Home.js'
import { Merge } from './screens/Merge.js'
import { Receive } from './screens/Receive.js'
import { Send } from './screens/Send.js'
import { SettingsScreen } from './screens/SettingsScreen.js'
import { Shield } from './screens/Shield.js'
import { Sites } from './screens/Sites.js'
import { Unshield } from './screens/Unshield.js'

type WalletScreensProps = { state: WalletState; sync?: SyncStatus; refresh(): void }

/** The unlocked wallet: Home and the screens it opens. */
export function WalletScreens({ state, sync, refresh }: WalletScreensProps) {
  const [route, setRoute] = useState<Route>({ screen: 'home' })
  const go: Go = (screen, pool) => setRoute({ screen, pool })
  const home = () => setRoute({ screen: 'home' })
  const { pool } = route

  switch (route.screen) {
    case 'home':
      return (
        <Home
          state={state}
          sync={sync}
          go={go}
          openActivity={(activityId) => setRoute({ screen: 'activity', activityId })}
          onLocked={refresh}
        />
      )
    case 'receive':
      return <Receive state={state} onBack={home} />
    case 'send':
      return <Send state={state} pool={pool} onBack={home} />
    case 'shield':
      return <Shield state={state} pool={pool} onBack={home} />
    case 'unshield':
      return <Unshield state={state} pool={pool} onBack={home} />
    case 'merge':
      return <Merge state={state} pool={pool} onBack={home} />
    case 'activity':
      return <Activity onBack={home} openId={route.activityId} />
    case 'sites':
      return <Sites onBack={home} />
    case 'settings':
      return <SettingsScreen state={state} onBack={home} onLocked={refresh} />
  }
}
