import { useEffect, useState } from 'react'
import { useWalletState } from '../../components/api.js'
import { useChainWatch } from '../../components/hooks/useChainWatch.js'
import { Onboarding } from '../../components/onboarding/Onboarding.js'
import { Unlock } from '../../components/screens/Unlock.js'
import { applyTheme } from '../../components/theme.js'
import { ErrorText } from '../../components/ui/ErrorText.js'
import { Spinner } from '../../components/ui/Spinner.js'
import { WalletScreens } from '../../components/WalletScreens.js'

/** Chooses between onboarding, unlock and the wallet from the background's state. */
export function App() {
  const { state, error, sync, refresh } = useWalletState()
  useChainWatch()
  // Creating a wallet makes it exist (and unlocked) before the phrase is confirmed.
  const [onboarding, setOnboarding] = useState(false)
  const reload = () => void refresh()
  // The settings' theme once known (main.tsx applied the last one before).
  const loaded = state !== undefined
  const theme = state?.settings.theme
  useEffect(() => {
    if (loaded) applyTheme(theme)
  }, [loaded, theme])

  if (!state) {
    return (
      <main className="screen center" data-testid="screen-loading">
        {error ? (
          <>
            <ErrorText error={error} testId="state-error" />
            <button type="button" onClick={reload} data-testid="state-retry">
              Try again
            </button>
          </>
        ) : (
          <Spinner label="Opening the wallet…" />
        )}
      </main>
    )
  }
  if (!state.hasWallet || onboarding) {
    return (
      <Onboarding
        onStarted={() => setOnboarding(true)}
        onDone={() => {
          setOnboarding(false)
          reload()
        }}
      />
    )
  }
  if (state.locked) return <Unlock onUnlocked={reload} />
  return <WalletScreens state={state} sync={sync} refresh={reload} />
}
