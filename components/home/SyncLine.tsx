import type { SyncStatus } from '../../background/messages.js'
import { send } from '../api.js'
import { useAction } from '../hooks/useAction.js'
import { ErrorText } from '../ui/ErrorText.js'
import { Spinner } from '../ui/Spinner.js'

/** Where the chain sync is: progress while syncing, the block once synced, the error if it failed. */
export function SyncLine({ sync }: { sync?: SyncStatus }) {
  const syncNow = useAction(() => send('sync.now'))
  if (!sync) return <Spinner label="Connecting to the chain…" testId="sync-status" />
  if (sync.state === 'syncing') {
    const percent = Math.round((sync.progress ?? 0) * 100)
    return (
      <div className="sync" data-testid="sync-status" data-state="syncing">
        <Spinner label={`Reading the pool's new notes… ${percent}%`} />
        <progress max={100} value={percent} />
      </div>
    )
  }
  return (
    <div className="sync" data-testid="sync-status" data-state={sync.state}>
      {sync.state === 'error' ? (
        <ErrorText error={`Sync failed: ${sync.error ?? 'unknown error'}`} testId="sync-error" />
      ) : (
        <span className="hint">Synced to block {sync.syncedBlock}</span>
      )}
      {syncNow.busy ? (
        <Spinner label="Syncing…" />
      ) : (
        <button
          type="button"
          className="link"
          onClick={() => void syncNow.run()}
          data-testid="sync-now"
        >
          {sync.state === 'error' ? 'Retry' : 'Sync now'}
        </button>
      )}
      <ErrorText error={syncNow.error} />
      {sync.rebuilt && <RebuiltNote {...sync.rebuilt} />}
    </div>
  )
}

/** Says that the wallet threw its copy of the pool away and read it again (nothing is lost). */
function RebuiltNote({ at, reason }: NonNullable<SyncStatus['rebuilt']>) {
  const time = new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  const why =
    reason === 'reset'
      ? 'The chain was reset since the last sync'
      : "The wallet's copy of the pool did not match the chain"
  return (
    <p className="hint" data-testid="sync-rebuilt" data-reason={reason}>
      {why}, so at {time} it was read again from the chain. Your notes come from the chain and
      nothing was lost.
    </p>
  )
}
