// Who is signed in: GET /session on start (the gateway answers from the session or the bearer token); 401 → the
// sign-in page, whose button starts the gateway's OIDC login. Logout: POST /logout with the CSRF header.
import { reactive } from 'vue'
import { ApiError, cookie, get } from '@/api/client'

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
    session.user = await get<SessionUser>('/session')
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e
    session.user = null
  }
  session.checked = true
  return session.user
}

export function hasRole(role: string): boolean {
  return session.user?.roles.includes(role) ?? false
}

/** Where a user starts: the county dashboard, the township's villages, or an organization's partnerships. */
export function homeOf(user: SessionUser | null): string {
  if (!user) return '/'
  if (user.roles.includes('COUNTY')) return '/dashboard'
  if (user.roles.includes('TOWNSHIP') && user.township) return `/townships/${encodeURIComponent(user.township)}`
  return '/partnerships'
}

export async function signOut() {
  const headers: Record<string, string> = {}
  const xsrf = cookie('XSRF-TOKEN')
  if (xsrf) headers['X-XSRF-TOKEN'] = xsrf
  try {
    await fetch('/logout', { method: 'POST', headers, credentials: 'same-origin', redirect: 'manual' })
  } finally {
    session.user = null
    window.location.assign('/')
  }
}
