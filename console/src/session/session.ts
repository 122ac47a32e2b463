// Who is signed in: GET /session on start (the gateway answers from the session or the bearer token); 401 → the
// sign-in page, whose button starts the gateway's OIDC login. Logout: POST /logout with the CSRF header.
import { reactive } from 'vue'
import { ApiError, cookie, get } from '@/api/client'
import { takeEarlySession, valueOf } from './early'

export interface SessionUser {
  username: string
  name: string
  roles: string[]
  township: string | null
  org: string | null
}

export const SIGN_IN_URL = '/oauth2/authorization/identity'

export const session = reactive<{ user: SessionUser | null; checked: boolean; expired: boolean }>({
  user: null,
  checked: false,
  expired: false,
})

export async function loadSession(): Promise<SessionUser | null> {
  try {
    const early = takeEarlySession()
    session.user = early
      ? await early.then((a) => valueOf<SessionUser>(a), () => get<SessionUser>('/session'))
      : await get<SessionUser>('/session')
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e
    session.user = null
  }
  session.checked = true
  return session.user
}

let first: Promise<SessionUser | null> | null = null
/** The session asked once (App and the router's role guard share the one GET /session); a failure may be asked again. */
export function ensureSession(): Promise<SessionUser | null> {
  if (!first) first = loadSession().catch((e) => { first = null; throw e })
  return first
}

export function hasRole(role: string): boolean {
  return session.user?.roles.includes(role) ?? false
}

/** Where a user starts: the county dashboard, the township's villages, or an organization's partnerships. */
export function homeOf(user: SessionUser | null): string {
  if (!user) return '/'
  if (user.roles.includes('COUNTY')) return '/dashboard'
  if (user.roles.includes('TOWNSHIP') && user.township) return `/townships/${encodeURIComponent(user.township)}`
  if (user.roles.includes('ORGANIZATION')) return '/organization'
  return '/partnerships'
}

export async function signOut() {
  // a real form POST (a navigation, not fetch), so the browser follows the gateway's redirect to the identity
  // provider's end-session endpoint and back: signed out there too, not just of the gateway's session
  session.user = null
  const form = document.createElement('form')
  form.method = 'POST'
  form.action = '/logout'
  const xsrf = cookie('XSRF-TOKEN')
  if (xsrf) {
    const field = document.createElement('input')
    field.type = 'hidden'
    field.name = '_csrf'
    field.value = xsrf
    form.appendChild(field)
  }
  document.body.appendChild(form)
  form.submit()
}
