/** A refusal from the site's own server: its `{ error: { code, message } }`. */
export class ApiError extends Error {
  override name = 'ApiError'
  readonly code: string
  readonly status: number

  constructor(code: string, message: string, status: number) {
    super(message)
    this.code = code
    this.status = status
  }
}

/**
 * Calls the site's JSON API: a GET, or a POST of `body`. Throws an
 * {@link ApiError} with the server's code and message on a refusal.
 */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(
    path,
    body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
  )
  const json = await response.json().catch(() => undefined)
  if (!response.ok)
    throw new ApiError(
      json?.error?.code ?? `http_${response.status}`,
      json?.error?.message ?? response.statusText,
      response.status,
    )
  return json as T
}
