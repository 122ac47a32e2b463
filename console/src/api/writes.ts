// The township's writes on projects, funds and collective income (console-a): typed from the generated OpenAPI
// types like endpoints.ts. Creates carry an Idempotency-Key; changes of a versioned record send If-Match.
import type { components as J, operations as JO } from './generated/project'
import type { components as F } from './generated/funds'
import type { components as P } from './generated/partnership'
import { get, post, request } from './client'

export type CreateProject = J['schemas']['CreateProjectRequest']
export type ChangeStatus = J['schemas']['ChangeStatusRequest']
export type ReportProgress = J['schemas']['ReportProgressRequest']
export type CompleteMilestone = J['schemas']['CompleteMilestoneRequest']
export type Milestone = J['schemas']['Milestone']
export type ProgressReport = J['schemas']['ProgressReportResponse']
export type ProjectDetail = J['schemas']['ProjectResponse']
export type CommitFund = F['schemas']['CommitFundRequest']
export type Disburse = F['schemas']['DisburseRequest']
export type Reverse = F['schemas']['ReverseRequest']
export type FundDetail = F['schemas']['FundResponse']
export type Disbursement = F['schemas']['DisbursementResponse']
export type ReportIncome = F['schemas']['ReportIncome']
export type Income = F['schemas']['Response']
export type RegisterOrganization = P['schemas']['RegisterOrganization']
export type OfferResource = P['schemas']['OfferResource']
export type OrganizationDetail = P['schemas']['Organization']
export type Resource = P['schemas']['Resource']
export type EndPartnership = P['schemas']['EndPartnership']
export type PartnershipDetail = P['schemas']['Partnership']
export type ClaimNeed = P['schemas']['ClaimNeed']
export type ReleaseNeed = P['schemas']['ReleaseNeed']
export type NeedDetail = P['schemas']['Need']
/** GET /api/needs/{id}/suggestions: organizations ranked for a need, each with its reasons (and why others are not). */
export type NeedSuggestions = P['schemas']['ForNeed']
export type OrganizationSuggestion = P['schemas']['OrganizationItem']
/** GET /api/organizations/{id}/suggestions: open needs ranked for an organization, same shape. */
export type OrganizationSuggestions = P['schemas']['ForOrganization']
export type NeedSuggestion = P['schemas']['NeedItem']
type ProgressPage = JO['listProgressReports']['responses'][200]['content']['application/json']

const id = encodeURIComponent
/** The ETag of a record's version, as service-support's ETags.of writes it. */
export const etagOf = (version: number | undefined) => (version === undefined ? undefined : `"${version}"`)

export const writes = {
  project: (projectId: string) => get<ProjectDetail>(`/api/projects/${id(projectId)}`),
  progressReports: (projectId: string) => get<ProgressPage>(`/api/projects/${id(projectId)}/progress`, { size: 500 }),
  createProject: (body: CreateProject, key: string) => post<ProjectDetail>('/api/projects', body, key),
  changeStatus: (projectId: string, version: number | undefined, body: ChangeStatus) =>
    request<ProjectDetail>('POST', `/api/projects/${id(projectId)}/status`, { body, ifMatch: etagOf(version) }),
  reportProgress: (projectId: string, body: ReportProgress, key: string) =>
    post<ProgressReport>(`/api/projects/${id(projectId)}/progress`, body, key),
  completeMilestone: (projectId: string, milestoneId: string, version: number | undefined, body: CompleteMilestone) =>
    request<ProjectDetail>('POST', `/api/projects/${id(projectId)}/milestones/${id(milestoneId)}/complete`, { body, ifMatch: etagOf(version) }),
  fund: (fundId: string) => get<FundDetail>(`/api/funds/${id(fundId)}`),
  commitFund: (body: CommitFund, key: string) => post<FundDetail>('/api/funds', body, key),
  disburse: (fundId: string, body: Disburse, key: string) => post<Disbursement>(`/api/funds/${id(fundId)}/disbursements`, body, key),
  reverse: (fundId: string, disbursementId: string, body: Reverse) =>
    post<Disbursement>(`/api/funds/${id(fundId)}/disbursements/${id(disbursementId)}/reverse`, body),
  reportIncome: (villageCode: string, year: number, body: ReportIncome) =>
    request<Income>('PUT', `/api/collective-income/${id(villageCode)}/${year}`, { body }),
  registerOrganization: (body: RegisterOrganization, key: string) => post<OrganizationDetail>('/api/organizations', body, key),
  offerResource: (organizationId: string, body: OfferResource, key: string) =>
    post<Resource>(`/api/organizations/${id(organizationId)}/resources`, body, key),
  endPartnership: (partnershipId: string, version: number | undefined, body: EndPartnership) =>
    request<PartnershipDetail>('POST', `/api/partnerships/${id(partnershipId)}/end`, { body, ifMatch: etagOf(version) }),
  claimNeed: (needId: string, body: ClaimNeed, key: string) => post<NeedDetail>(`/api/needs/${id(needId)}/claim`, body, key),
  releaseNeed: (needId: string, body: ReleaseNeed, key: string) => post<NeedDetail>(`/api/needs/${id(needId)}/release`, body, key),
  needSuggestions: (needId: string) => get<NeedSuggestions>(`/api/needs/${id(needId)}/suggestions`),
  organizationSuggestions: (organizationId: string) => get<OrganizationSuggestions>(`/api/organizations/${id(organizationId)}/suggestions`),
}
