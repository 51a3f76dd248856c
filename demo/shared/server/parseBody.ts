import type { z } from 'zod'
import { DemoError } from './errors.js'

/**
 * Checks a request body against `schema` and returns the typed value, or
 * throws a `bad_request` naming the first bad field.
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const field = issue.path.length > 0 ? issue.path.join('.') : 'body'
  throw new DemoError('bad_request', `${field}: ${issue.message}`)
}
