import { readFile } from 'node:fs/promises'
import { PasswordRequiredError } from '../lib/errors.js'

/** Shortest password `init` and `import` accept. */
export const MIN_PASSWORD_LENGTH = 8

export type ReadPasswordParameters = {
  /** `--password-file`: the first line of the file is the password. */
  passwordFile?: string | undefined
  /** A new password (init, import): checked for length, and typed twice at a prompt. */
  isNew?: boolean
  env?: Record<string, string | undefined>
}

/**
 * The wallet password, from `--password-file`, else `ZKPAY_PASSWORD`, else a
 * hidden prompt on the terminal. It is never echoed, logged or stored.
 */
export async function readPassword(params: ReadPasswordParameters = {}): Promise<string> {
  const env = params.env ?? process.env
  let password: string | undefined
  if (params.passwordFile !== undefined) {
    let text: string
    try {
      text = await readFile(params.passwordFile, 'utf8')
    } catch {
      throw new PasswordRequiredError(`Cannot read the password file ${params.passwordFile}.`)
    }
    password = text.split(/\r?\n/)[0] ?? ''
  } else if (env.ZKPAY_PASSWORD) {
    password = env.ZKPAY_PASSWORD
  } else if (process.stdin.isTTY && process.stderr.isTTY) {
    password = await promptHidden(params.isNew ? 'New wallet password: ' : 'Wallet password: ')
    if (params.isNew && (await promptHidden('Repeat the password: ')) !== password)
      throw new PasswordRequiredError('The two passwords differ.')
  } else {
    throw new PasswordRequiredError(
      'A password is needed: pass --password-file <file>, set ZKPAY_PASSWORD, or run in a terminal.',
    )
  }
  if (password === '') throw new PasswordRequiredError('The password is empty.')
  if (params.isNew && [...password].length < MIN_PASSWORD_LENGTH)
    throw new PasswordRequiredError(
      `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
    )
  return password
}

/**
 * Reads a line from the terminal without echoing it (the prompt goes to
 * stderr). Ctrl-C ends the program as the shell expects.
 */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin
  process.stderr.write(question)
  stdin.setRawMode(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  let value: string[] = []
  return new Promise((resolve) => {
    const finish = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish()
          resolve(value.join(''))
          return
        }
        if (char === '\u0003') {
          finish()
          process.exit(130)
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1)
        else if (char === '\u0015') value = []
        else if (char >= ' ') value.push(char)
      }
    }
    stdin.on('data', onData)
  })
}
