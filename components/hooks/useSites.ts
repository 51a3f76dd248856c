import { useCallback, useEffect, useState } from 'react'
import type { SiteView } from '../../background/messages.js'
import { errorMessage, send, useBackgroundEvents } from '../api.js'

/** The connected sites, kept current by `sites.changed` events. */
export function useSites() {
  const [sites, setSites] = useState<SiteView[]>()
  const [error, setError] = useState<string>()
  const load = useCallback(async () => {
    try {
      setSites(await send('sites.list'))
      setError(undefined)
    } catch (cause) {
      setError(errorMessage(cause))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  useBackgroundEvents((event) => {
    if (event.event === 'sites.changed' || event.event === 'activity.updated') void load()
  })
  return { sites, error, reload: load }
}
