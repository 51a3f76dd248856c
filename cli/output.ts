import { BaseError, RelayError } from '../lib/errors.js'

/** Where a command writes: results on stdout, progress and errors on stderr. */
export type Output = {
  /** `--json`: results as one JSON document instead of text. */
  readonly json: boolean
  /** `--quiet`: no progress or notices on stderr (errors still). */
  readonly quiet: boolean
  /** Whether stderr is a terminal (progress may redraw a line). */
  readonly interactive: boolean
  /** The command's result: `human` lines, or `data` as JSON under `--json`. */
  result(human: string | readonly string[], data?: unknown): void
  /** A notice for people on stderr (suppressed by `--quiet`). */
  info(line: string): void
  /** Raw text to stderr for progress drawing (suppressed by `--quiet`). */
  progress(text: string): void
}

export type CreateOutputParameters = {
  json?: boolean
  quiet?: boolean
  stdout?: { write(text: string): unknown }
  stderr?: { write(text: string): unknown; isTTY?: boolean }
}

/** The output of one CLI run. */
export function createOutput(params: CreateOutputParameters = {}): Output {
  const stdout = params.stdout ?? process.stdout
  const stderr = params.stderr ?? process.stderr
  const json = params.json ?? false
  const quiet = params.quiet ?? false
  return {
    json,
    quiet,
    interactive: !quiet && Boolean(stderr.isTTY),
    result(human, data) {
      if (json && data !== undefined) stdout.write(`${toJson(data)}\n`)
      else stdout.write(`${typeof human === 'string' ? human : human.join('\n')}\n`)
    },
    info(line) {
      if (!quiet) stderr.write(`${line}\n`)
    },
    progress(text) {
      if (!quiet) stderr.write(text)
    },
  }
}

/** JSON with bigints as decimal strings, indented for people and parsers alike. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2)
}

/**
 * The one line an error becomes: `zkpay: <message>`. Our errors give their
 * short message; a relayer's refusal names its code; anything else its first line.
 */
export function formatError(error: unknown): string {
  let message: string
  if (error instanceof RelayError) message = `relayer ${error.code}: ${error.shortMessage}`
  else if (error instanceof BaseError) message = error.shortMessage
  else if (error instanceof Error)
    message = (error as { shortMessage?: string }).shortMessage ?? error.message
  else message = String(error)
  const line = message.replace(/\s*\n\s*/g, ' ').trim()
  return `zkpay: ${line || 'failed'}`
}

/**
 * Text from other people (memos) made safe for a terminal: control
 * characters, which could move the cursor or rewrite what is shown, and
 * bidirectional overrides become U+FFFD.
 */
export function printable(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.codePointAt(0)!
      const unsafe =
        code < 0x20 ||
        (code >= 0x7f && code <= 0x9f) ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2066 && code <= 0x2069)
      return unsafe ? '\ufffd' : char
    })
    .join('')
}
