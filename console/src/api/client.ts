// The one way the console talks to the gateway: same origin, the session cookie (credentials: 'same-origin'), the
// XSRF-TOKEN cookie echoed as X-XSRF-TOKEN on every write, an Idempotency-Key on every create, problem+json errors.

/** RFC 9457 problem as our services send it (validation errors add errors[]). */
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  instance?: string
  errors?: { field: string; message: string }[]
  [extension: string]: unknown
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfterSeconds: number | null,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`)
  }

  /** The problem's field errors as {field: message}; a 400 naming one field without errors[] counts too. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.problem.errors ?? []) {
      if (e && typeof e.field === 'string') out[e.field] = out[e.field] ? `${out[e.field]}；${e.message}` : e.message
    }
    const field = this.problem['field']
    if (typeof field === 'string' && !out[field]) out[field] = this.problem.detail ?? ''
    return out
  }
}

type Listener = () => void
const signedOutListeners: Listener[] = []
/** Called when the gateway answers 401: the session has ended. */
export function onSignedOut(listener: Listener) {
  signedOutListeners.push(listener)
}

export function cookie(name: string, cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return null
}

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID()
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

export type Query = Record<string, string | number | boolean | undefined | null>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const s = params.toString()
  return s ? `${path}?${s}` : path
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  idempotencyKey?: string
  ifMatch?: string
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD') {
    const xsrf = cookie('XSRF-TOKEN')
    if (xsrf) headers['X-XSRF-TOKEN'] = xsrf
  }
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey
  if (options.ifMatch) headers['If-Match'] = options.ifMatch
  let response: Response
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: String(e) }, null)
  }
  const text = await response.text()
  let body: unknown = null
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      body = { detail: text.slice(0, 200) }
    }
  }
  if (!response.ok) {
    if (response.status === 401) signedOutListeners.forEach((l) => l())
    const retryAfter = response.headers.get('Retry-After')
    const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null
    const problem = (body && typeof body === 'object' ? body : {}) as Problem
    throw new ApiError(response.status, { status: response.status, ...problem }, seconds)
  }
  return body as T
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query })
export const post = <T>(path: string, body: unknown, idempotencyKey?: string) =>
  request<T>('POST', path, { body, idempotencyKey })

/** A page of a list, as every list endpoint answers. */
export interface Page<T> {
  items: T[]
  page: number
  size: number
  total: number
}
