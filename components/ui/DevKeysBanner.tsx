import { insecureDevKeys } from '../../background/config.js'
import { DEV_KEYS_WARNING } from '../../lib/deploymentFile.js'

/** On every screen of a build whose pool has development keys (`--insecure-dev-keys`). */
export function DevKeysBanner() {
  if (!insecureDevKeys) return null
  return (
    <p className="warning dev-keys" role="alert" data-testid="dev-keys-warning">
      {DEV_KEYS_WARNING}
    </p>
  )
}
