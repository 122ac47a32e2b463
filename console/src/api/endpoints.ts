// Typed calls of the services' endpoints. Shapes come from the generated OpenAPI types (src/api/generated, from
// openapi/*.json): a changed contract fails vue-tsc here or where the console uses the shape.
import type { components as P, operations as PO } from './generated/partnership'
import type { components as J, operations as JO } from './generated/project'
import type { components as F, operations as FO } from './generated/funds'
import type { operations as RO } from './generated/reporting'
import { get, post, type Query } from './client'

type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> & Query : never

export type Village = P['schemas']['Village']
export type Organization = P['schemas']['Organization']
export type Partnership = P['schemas']['Partnership']
export type Need = P['schemas']['Need']
export type PostNeed = P['schemas']['PostNeed']
export type RegisterPartnership = P['schemas']['RegisterPartnership']
export type ResolveNeed = P['schemas']['ResolveNeed']
export type Project = J['schemas']['ProjectResponse']
export type Fund = F['schemas']['FundResponse']
export type CollectiveIncome = F['schemas']['Response']
export type HistoryEntry = P['schemas']['HistoryEntry'] | J['schemas']['HistoryEntry'] | F['schemas']['HistoryEntry']
/** The records that keep a history (GET …/{id}/history, oldest first). */
export type HistoryOf = 'needs' | 'partnerships' | 'projects' | 'funds'

export type VillagesQuery = QueryOf<PO['listVillages']>
export type OrganizationsQuery = QueryOf<PO['listOrganizations']>
export type PartnershipsQuery = QueryOf<PO['listPartnerships']>
export type NeedsQuery = QueryOf<PO['listNeeds']>
export type ProjectsQuery = QueryOf<JO['listProjects']>
export type FundsQuery = QueryOf<FO['listFunds']>
export type IncomeQuery = QueryOf<FO['listCollectiveIncome']>
export type OverviewQuery = QueryOf<RO['getOverview']>

export const api = {
  villages: (q: VillagesQuery = {}) => get<P['schemas']['PageResponseVillage']>('/api/villages', q),
  village: (code: string) => get<Village>(`/api/villages/${encodeURIComponent(code)}`),
  organizations: (q: OrganizationsQuery = {}) => get<P['schemas']['PageResponseOrganization']>('/api/organizations', q),
  partnerships: (q: PartnershipsQuery = {}) => get<P['schemas']['PageResponsePartnership']>('/api/partnerships', q),
  needs: (q: NeedsQuery = {}) => get<P['schemas']['PageResponseNeed']>('/api/needs', q),
  projects: (q: ProjectsQuery = {}) => get<J['schemas']['PageResponseProjectResponse']>('/api/projects', q),
  funds: (q: FundsQuery = {}) => get<F['schemas']['PageResponseFundResponse']>('/api/funds', q),
  income: (q: IncomeQuery = {}) => get<F['schemas']['PageResponseResponse']>('/api/collective-income', q),
  history: (of: HistoryOf, id: string) =>
    get<{ items?: HistoryEntry[]; total?: number }>(`/api/${of}/${encodeURIComponent(id)}/history`, { size: 500 }),
  postNeed: (body: PostNeed, key: string) => post<Need>('/api/needs', body, key),
  resolveNeed: (id: string, body: ResolveNeed) => post<Need>(`/api/needs/${encodeURIComponent(id)}/resolve`, body),
  registerPartnership: (body: RegisterPartnership, key: string) => post<Partnership>('/api/partnerships', body, key),
}
