import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** Debian's Chromium, the only browser the extension's tests drive. */
export const defaultChromiumPath = '/usr/bin/chromium'
/** The command that installs it (as root). */
export const installCommand = 'apt-get update && apt-get install -y chromium'

export type EnsureChromiumOptions = {
  /** The binary the tests will start (default: `ZKPAY_CHROMIUM`, else /usr/bin/chromium). */
  path?: string
  /** Whether this process may install packages (default: running as root). */
  isRoot?: boolean
  /** Runs a shell command with its output shown, returning its exit status. */
  run?: (command: string) => number | null
  log?: (line: string) => void
}

/**
 * Makes sure Chromium is there before the browser tests: when it is missing at
 * the default path and this process is root on a Debian-like system, installs
 * Debian's `chromium` with apt-get; otherwise throws with the exact command.
 * Never downloads anything but that package. Returns the binary's path.
 */
export function ensureChromium({
  path = process.env.ZKPAY_CHROMIUM ?? defaultChromiumPath,
  isRoot = process.getuid?.() === 0,
  run = (command) =>
    spawnSync('sh', ['-c', command], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status,
  log = (line) => console.info(line),
}: EnsureChromiumOptions = {}): string {
  if (existsSync(path)) return path
  if (path !== defaultChromiumPath) {
    throw new Error(
      `ZKPAY_CHROMIUM points at ${path}, which does not exist. Point it at a Chromium binary, ` +
        `or unset it to use Debian's Chromium at ${defaultChromiumPath} ` +
        `(installed with: ${installCommand}).`,
    )
  }
  const hasApt = run('command -v apt-get >/dev/null 2>&1') === 0
  if (!isRoot || !hasApt) {
    const why = !hasApt ? 'there is no apt-get here' : 'this is not running as root'
    throw new Error(
      `The browser tests need Chromium at ${path}, and it is missing (${why}, so the tests ` +
        'cannot install it themselves).\n' +
        `Install it with: sudo sh -c '${installCommand}'\n` +
        '(or point ZKPAY_CHROMIUM at a Chromium binary), then run the tests again.',
    )
  }
  log(`[browser tests] Chromium is missing at ${path}: installing it with: ${installCommand}`)
  const status = run(installCommand)
  if (status !== 0 || !existsSync(path)) {
    throw new Error(
      `Installing Chromium failed (${installCommand} exited with ${status}` +
        `${status === 0 ? `, and ${path} is still missing` : ''}).\n` +
        `Run it yourself and look at its output: ${installCommand}`,
    )
  }
  log(`[browser tests] Chromium installed at ${path}`)
  return path
}

// `tsx scripts/ensure-chromium.ts`: the same step on its own (.ci/run uses it).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.info(`Chromium: ${ensureChromium()}`)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
