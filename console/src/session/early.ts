// The answers index.html's first script asked for before the bundle ran, each taken once: as the API client would have returned
// them (the value, or an ApiError with the problem), so the screens treat them like their own requests.
import { ApiError, type Problem } from '@/api/client'

interface Answer { status: number; retryAfter: string | null; text: string }
interface Early { session?: Promise<Answer>; dashboard?: { township: string | null; latest: Promise<Answer | null>; figures: Promise<Answer[] | null> } }

function early(): Early {
  return typeof window === 'undefined' ? {} : ((window as unknown as { __villageEarly?: Early }).__villageEarly ?? {})
}

/** An early answer as a value, or the ApiError the client would have thrown. */
export function valueOf<T>(a: Answer): T {
  let body: unknown = null
  try {
    body = a.text ? JSON.parse(a.text) : null
  } catch {
    body = { detail: a.text.slice(0, 200) }
  }
  if (a.status < 200 || a.status > 299) {
    const seconds = a.retryAfter && /^\d+$/.test(a.retryAfter) ? Number(a.retryAfter) : null
    throw new ApiError(a.status, { status: a.status, ...((body && typeof body === 'object' ? body : {}) as Problem) }, seconds)
  }
  return body as T
}

/** GET /session as asked early, once; null when it was not (then ask it now). */
export function takeEarlySession(): Promise<Answer> | null {
  const e = early()
  const s = e.session ?? null
  delete e.session
  return s
}

/**
 * The dashboard's first figures asked early for this township (undefined: the county), once: the latest overview's
 * year and [year, year − 1, townships?] answers; null when nothing was asked for it (then the dashboard asks itself).
 */
export function takeEarlyDashboard(township: string | undefined): { latest: Promise<Answer | null>; figures: Promise<Answer[] | null> } | null {
  const e = early()
  const d = e.dashboard ?? null
  delete e.dashboard
  if (!d || (d.township ?? undefined) !== township) return null
  return d
}
