// Who may open which screen: the services' role rules (docs/API.md) as the console applies them before asking, so a
// deep link to a screen of another role explains the 403 instead of showing a broken page.
export type Role = 'COUNTY' | 'TOWNSHIP' | 'ORGANIZATION'

/** A path prefix and the roles that may open it; a path no rule names is open to everyone signed in. */
export const SCREEN_ROLES: readonly { prefix: RegExp; roles: readonly Role[] }[] = [
  { prefix: /^\/dashboard(\/|$)/, roles: ['COUNTY', 'TOWNSHIP'] },
  { prefix: /^\/townships\//, roles: ['COUNTY', 'TOWNSHIP'] },
  { prefix: /^\/needs\/new$/, roles: ['TOWNSHIP'] },
  { prefix: /^\/partnerships\/new$/, roles: ['TOWNSHIP', 'ORGANIZATION'] },
  { prefix: /^\/(projects|funds|organizations)\/new$/, roles: ['TOWNSHIP'] },
  { prefix: /^\/income(\/|$)/, roles: ['TOWNSHIP'] },
  { prefix: /^\/funnel(\/|$)/, roles: ['TOWNSHIP'] },
  { prefix: /^\/milestones\/overdue$/, roles: ['COUNTY', 'TOWNSHIP'] },
  { prefix: /^\/accounts(\/|$)/, roles: ['COUNTY', 'TOWNSHIP'] },
  { prefix: /^\/imports(\/|$)/, roles: ['TOWNSHIP'] },
  { prefix: /^\/organization(\/|$)/, roles: ['ORGANIZATION'] },
]

/** The roles that may open {@code path}, or null when any signed-in user may. */
export function rolesFor(path: string): readonly Role[] | null {
  for (const r of SCREEN_ROLES) if (r.prefix.test(path)) return r.roles
  return null
}

export function mayOpen(path: string, roles: readonly string[]): boolean {
  const needed = rolesFor(path)
  return needed === null || needed.some((r) => roles.includes(r))
}

/** An organization's person (no township or county role): the console shows only the organization's own screens. */
export function onlyOrganization(roles: readonly string[]): boolean {
  return roles.includes('ORGANIZATION') && !roles.includes('TOWNSHIP') && !roles.includes('COUNTY')
}

/** The navigation entries of the screens of this block (organization home, accounts, imports) for these roles. */
export function roleNav(roles: readonly string[]): { to: string; key: string }[] {
  const items: { to: string; key: string }[] = []
  if (roles.includes('ORGANIZATION')) items.push({ to: '/organization', key: 'orgHome.nav' })
  if (roles.includes('COUNTY') && !roles.includes('TOWNSHIP')) items.push({ to: '/accounts', key: 'accounts.countyNav' })
  if (roles.includes('TOWNSHIP')) items.push({ to: '/accounts', key: 'accounts.nav' }, { to: '/imports', key: 'imports.nav' })
  return items
}
