import { describe, expect, it } from 'vitest'
import { formatError, printable } from '../../cli/output.js'
import { InvalidAmountError, RelayError } from '../../lib/errors.js'

describe('CLI output', () => {
  it('turns any error into one line', () => {
    expect(formatError(new InvalidAmountError('Too many.', { details: 'more\nlines' }))).toBe(
      'zkpay: Too many.',
    )
    expect(formatError(new RelayError('fee_too_low', 'The fee is below 5.'))).toBe(
      'zkpay: relayer fee_too_low: The fee is below 5.',
    )
    expect(formatError(new Error('first\n  second'))).toBe('zkpay: first second')
    expect(formatError('plain')).toBe('zkpay: plain')
  })

  it('neutralizes terminal control characters in memos', () => {
    expect(printable('ok \u001b[2J\r\u009bx\u202eevil')).toBe('ok \ufffd[2J\ufffd\ufffdx\ufffdevil')
    expect(printable('café ☕')).toBe('café ☕')
  })
})
