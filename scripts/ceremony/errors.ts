/** Errors that end a command with one line on stderr and a chosen exit code. */
export class CeremonyError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
    this.name = 'CeremonyError'
  }
}

/** Exit code of a refusal that a flag could override (an unlisted phase-1 file). */
export const EXIT_REFUSED = 2

export function out(line = '') {
  process.stdout.write(`${line}\n`)
}

export function warn(line: string) {
  process.stderr.write(`WARNING: ${line}\n`)
}
