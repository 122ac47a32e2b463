// identity-service's rules for the accounts a COUNTY (COUNTY, TOWNSHIP accounts) or a TOWNSHIP (ORGANIZATION accounts)
// creates (Requests.CreateAccount, AccountService), so the form refuses what the server would; and the server's
// refusals in the user's language (the server writes English).
import { ApiError } from '@/api/client'
import type { CreateAccount, RegisterClient } from '@/api/accounts'
import { Rules, type Errors, type FieldError } from '@/components/rules'

export const USERNAME = /^[A-Za-z0-9._-]{3,64}$/
export const MAX_DISPLAY_NAME = 100
export const MAX_TOWNSHIP = 100

/** POST /api/users as identity-service checks it: user name, display name; a TOWNSHIP account's township, an ORGANIZATION's organization. */
export function validateAccount(body: CreateAccount): Errors {
  const r = new Rules()
  if (!body.username) r.errors.username = { key: 'form.required' }
  else if (!USERNAME.test(body.username)) r.errors.username = { key: 'accounts.rules.username' }
  r.text('displayName', body.displayName, true, MAX_DISPLAY_NAME)
  if (body.role === 'ORGANIZATION' && !body.organizationId) r.errors.organizationId = { key: 'accounts.rules.organization' }
  if (body.role === 'TOWNSHIP') {
    if (!body.township?.trim()) r.errors.township = { key: 'accounts.rules.township' }
    else r.text('township', body.township, true, MAX_TOWNSHIP)
  }
  return r.errors
}

/** The body sent: trimmed, with only the field its role needs (a TOWNSHIP account's township, an ORGANIZATION's organization). */
export function accountBody(body: CreateAccount): CreateAccount {
  const out: CreateAccount = { username: body.username.trim(), displayName: body.displayName.trim(), role: body.role }
  if (body.role === 'TOWNSHIP') out.township = body.township?.trim()
  if (body.role === 'ORGANIZATION') out.organizationId = body.organizationId
  return out
}

/** What the person is told about a refused account call: a message key (with the server's detail kept) and field errors. */
export interface Explained {
  message: FieldError
  fields: Errors
}

/** identity-service's problems (type slugs, statuses) → messages of the console's languages. */
export function explainAccountProblem(e: unknown): Explained {
  if (!(e instanceof ApiError)) return { message: { key: 'app.error', params: { detail: String(e) } }, fields: {} }
  const type = slug(e.problem.type)
  const detail = e.problem.detail ?? e.problem.title ?? String(e.status)
  const fields: Errors = {}
  for (const f of e.problem.errors ?? []) {
    if (f.field === 'username') fields.username = { key: 'accounts.rules.username' }
    else if (f.field === 'organizationId') fields.organizationId = { key: e.status === 422 ? 'accounts.errors.unknownOrganization' : 'accounts.rules.organization' }
    else if (f.field === 'displayName') fields.displayName = { key: 'form.tooLong', params: { max: MAX_DISPLAY_NAME } }
    else if (f.field === 'township') fields.township = { key: 'accounts.rules.township' }
  }
  if (e.status === 503 && e.retryAfterSeconds !== null) return { message: { key: 'app.retryIn', params: { seconds: e.retryAfterSeconds } }, fields }
  if (type === 'username-taken') return { message: { key: 'accounts.errors.usernameTaken' }, fields: { ...fields, username: { key: 'accounts.errors.usernameTaken' } } }
  if (e.status === 403 && /partnership|does not work in township/.test(detail)) {
    return { message: { key: 'accounts.errors.notInTownship', params: { detail } }, fields }
  }
  if (e.status === 403) return { message: { key: 'accounts.errors.forbidden', params: { detail } }, fields }
  if (e.status === 422) return { message: { key: 'accounts.errors.unknownOrganization' }, fields }
  if (e.status === 404) return { message: { key: 'accounts.errors.notFound', params: { detail } }, fields }
  if (e.status === 409 || e.status === 412) return { message: { key: 'form.conflict', params: { detail } }, fields }
  if (e.status === 400) return { message: { key: 'form.fieldProblems' }, fields }
  return { message: { key: 'form.serverRejected', params: { detail } }, fields }
}

function slug(type: string | undefined): string {
  if (!type) return ''
  const i = type.lastIndexOf('/')
  return i >= 0 ? type.slice(i + 1) : type
}

/** The state an account is in, for its tag: disabled beats locked beats waiting for the first sign-in. */
export function accountState(a: { enabled?: boolean; locked?: boolean; mustChangePassword?: boolean }): 'DISABLED' | 'LOCKED' | 'FIRST_SIGN_IN' | 'ACTIVE' {
  if (a.enabled === false) return 'DISABLED'
  if (a.locked) return 'LOCKED'
  if (a.mustChangePassword) return 'FIRST_SIGN_IN'
  return 'ACTIVE'
}

export const CLIENT_ROLES = ['COUNTY', 'TOWNSHIP', 'ORGANIZATION'] as const
/** POST /api/clients as identity-service checks it: a name ≤ 100, a role; a TOWNSHIP client its township, an ORGANIZATION one its organization. */
export function validateClient(body: RegisterClient): Errors {
  const rules = new Rules().text('name', body.name, true, MAX_DISPLAY_NAME).oneOf('role', body.role, CLIENT_ROLES, true)
  if (body.role === 'TOWNSHIP') rules.text('township', body.township, true, MAX_TOWNSHIP)
  if (body.role === 'ORGANIZATION') rules.text('organizationId', body.organizationId, true, MAX_TOWNSHIP)
  return rules.errors
}
