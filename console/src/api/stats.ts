// The statistics. reporting-service's OpenAPI document now has these responses' schemas (OverviewResponse,
// TownshipsResponse, VillagesResponse in src/api/generated/reporting.ts) but marks no property required, so the generated
// types make every field optional: these are the shapes ../shared/API.md and docs/API.md state, which the service's
// records always fill. Once the document marks its required properties, replace them with the generated ones.
import { get } from './client'
import type { OverviewQuery } from './endpoints'

export interface Lagging {
  service: string
  upTo: string | null
  seconds: number
  waitingEvents: number | null
  oldestWaitingSince: string | null
  reason: string
}

/** The head of every statistics response: how fresh it is. */
export interface Freshness {
  asOf?: string
  lag?: number
  behind?: { seconds: number; sources: Lagging[] }
  rebuilding?: boolean
  gaps?: { held: number; deadLettered: number }
}

export interface MoneyPair {
  committed: string
  disbursed: string
}

export interface Figures {
  villages: { total: number; covered: number; coverage: number }
  partnerships: { active: number; byOrganizationType: Record<string, number> }
  needs: { open: number; claimed?: number; resolved: number }
  projects: { total: number; byStatus: Record<string, number>; byIndustry: Record<string, number> }
  industryScale: { industry: string; unit: string; quantity: number | string }[]
  investment: MoneyPair & { bySource: Record<string, MoneyPair> }
  collectiveIncome: {
    year: number | null
    total: string
    bands: { below200k: number; from200kTo500k: number; atLeast500k: number }
  }
}

export type Overview = Freshness & Figures & { year?: number; township?: string }
export type TownshipRow = Figures & { township: string }

export interface VillageRow {
  code: string
  name: string | null
  township: string | null
  activePartnerships: number
  resolvedNeeds: number
  projects: number
  committed: string
  disbursed: string
  collectiveIncomeYear: number | null
  collectiveIncome: string | null
}

export const stats = {
  overview: (q: OverviewQuery = {}) => get<Overview>('/api/stats/overview', q),
  townships: (q: OverviewQuery = {}) => get<Freshness & { year?: number; items: TownshipRow[] }>('/api/stats/townships', q),
  villages: (q: OverviewQuery = {}) => get<Freshness & { year?: number; items: VillageRow[] }>('/api/stats/villages', q),
}
