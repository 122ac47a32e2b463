// Who may make which write on a record: docs/API.md's role column as the services check it (service-support's
// Caller.requireTownshipOf / requireTownshipOfOrOrganization), in one place, so a screen offers a write only to those
// the server will let make it. The server still decides; its 403 is shown as such (useWriteForm: writes.forbidden).
import type { SessionUser } from './session'

type Who = Pick<SessionUser, 'roles' | 'township' | 'org'> | null | undefined
export interface ProjectLike { township?: string; leadOrganizationId?: string; status?: string }
export interface FundLike { township?: string; investorOrganizationId?: string }
export interface PartnershipLike { township?: string; organizationId?: string; status?: string }
export interface NeedLike { township?: string; status?: string; claim?: { organizationId?: string } }

/** A TOWNSHIP user of that township (a record without a township: the server decides, so any TOWNSHIP user). */
export function isClerkOf(user: Who, township: string | undefined): boolean {
  return !!user && user.roles.includes('TOWNSHIP') && !!user.township && (!township || township === user.township)
}

/** An ORGANIZATION user acting for that organization. */
export function actsFor(user: Who, organizationId: string | undefined): boolean {
  return !!user && user.roles.includes('ORGANIZATION') && !!user.org && !!organizationId && user.org === organizationId
}

/** POST /api/projects/{id}/status: TOWNSHIP of the project's township. */
export const mayChangeStatus = (user: Who, p: ProjectLike) => isClerkOf(user, p.township)

/** POST /api/projects/{id}/progress: TOWNSHIP of its township, or the lead ORGANIZATION (409 unless IN_PROGRESS). */
export const mayReportProgress = (user: Who, p: ProjectLike) => isClerkOf(user, p.township) || actsFor(user, p.leadOrganizationId)

/** POST /api/projects/{id}/milestones/{m}/complete: TOWNSHIP of its township, or the lead ORGANIZATION. */
export const mayCompleteMilestone = mayReportProgress

/** POST /api/funds (for a project): TOWNSHIP only from the console (an ORGANIZATION may commit only as the investor). */
export const mayCommitFundFor = (user: Who, p: ProjectLike) => isClerkOf(user, p.township)

/** POST /api/funds/{id}/disbursements: TOWNSHIP of the fund's township, or the investing ORGANIZATION. */
export const mayDisburse = (user: Who, f: FundLike) => isClerkOf(user, f.township) || actsFor(user, f.investorOrganizationId)

/** POST /api/funds/{id}/disbursements/{d}/reverse: TOWNSHIP of the fund's township. */
export const mayReverse = (user: Who, f: FundLike) => isClerkOf(user, f.township)

/** POST /api/partnerships/{id}/end: TOWNSHIP of its township, or the owning ORGANIZATION; offered while not ENDED (409 then). */
export const mayEndPartnership = (user: Who, p: PartnershipLike) =>
  p.status !== 'ENDED' && (isClerkOf(user, p.township) || actsFor(user, p.organizationId))

/**
 * POST /api/needs/{id}/claim: TOWNSHIP of the need's township (for any organization), or an ORGANIZATION for itself
 * ({@code organizationId}, when given, is the one it would claim for); offered while OPEN (409 otherwise).
 */
export const mayClaimNeed = (user: Who, n: NeedLike, organizationId?: string) =>
  n.status === 'OPEN' && (isClerkOf(user, n.township) || actsFor(user, organizationId ?? user?.org ?? undefined))

/** POST /api/needs/{id}/release: TOWNSHIP of the need's township, or the claiming ORGANIZATION; only a CLAIMED need. */
export const mayReleaseNeed = (user: Who, n: NeedLike) =>
  n.status === 'CLAIMED' && (isClerkOf(user, n.township) || actsFor(user, n.claim?.organizationId))

/** GET /api/needs/{id}/suggestions: TOWNSHIP or COUNTY. */
export const maySeeNeedSuggestions = (user: Who) => !!user && (user.roles.includes('TOWNSHIP') || user.roles.includes('COUNTY'))

/** Progress can be reported (and so offered) only while the project is IN_PROGRESS (project-service: 409 otherwise). */
export const progressOpen = (p: ProjectLike) => p.status === 'IN_PROGRESS'

/** The roles whose accounts the signed-in user manages (identity-service's AccountRules.mayAssign). */
export function manageableRoles(user: Who): ('COUNTY' | 'TOWNSHIP' | 'ORGANIZATION')[] {
  if (!user) return []
  if (user.roles.includes('COUNTY')) return ['COUNTY', 'TOWNSHIP']
  if (user.roles.includes('TOWNSHIP') && user.township) return ['ORGANIZATION']
  return []
}

/**
 * May the signed-in user disable/enable, unlock or reset {@code account}? Its role is one they manage (a COUNTY also
 * sees ORGANIZATION accounts in GET /api/users, but manages none); nobody disables their own account.
 */
export function mayManageAccount(user: (Who & { username?: string }) | null | undefined, account: { role?: string; username?: string }, action?: string): boolean {
  if (!user || !account.role || !manageableRoles(user).includes(account.role as never)) return false
  return !(action === 'disable' && account.username === user.username)
}
