// The 签约→落地→见效 funnel of a township's active pairings. A pairing has *landed* when a project names it (or is
// led by its organization in its village), and *shows effect* when one of those projects completed a milestone or
// money was disbursed for it (a fund of such a project, or of its organization for its village; reversed
// disbursements do not count). Within the last N months:
//   green: a project started, a milestone was completed or money was disbursed;
//   amber: signed less than N months ago and nothing yet;
//   red:   signed longer ago and nothing in the last N months.
import type { Partnership } from '@/api/endpoints'
import type { FundDetail, ProjectDetail } from '@/api/writes'

export type Light = 'red' | 'amber' | 'green'
export type Stage = 'SIGNED' | 'LANDED' | 'EFFECTIVE'
export type ActivityKind = 'project' | 'milestone' | 'disbursement'
export const LIGHTS: readonly Light[] = ['red', 'amber', 'green']
export const WINDOWS = [3, 6, 12, 24] as const

export interface PairingProgress {
  partnership: Partnership
  projects: ProjectDetail[]
  stage: Stage
  light: Light
  /** The latest project start, milestone completion or disbursement (YYYY-MM-DD), if any. */
  lastActivity: { on: string; kind: ActivityKind } | null
}

export interface Funnel {
  cutoff: string
  signed: number
  landed: number
  effective: number
  byLight: Record<Light, number>
  pairings: PairingProgress[]
}

/** `date` (YYYY-MM-DD) minus `months` calendar months (the 31st of a shorter month becomes its last day). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const total = y * 12 + (m - 1) - months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

const later = (a: PairingProgress['lastActivity'], on: string | undefined, kind: ActivityKind): PairingProgress['lastActivity'] =>
  on && (!a || on > a.on) ? { on, kind } : a

export function funnelOf(partnerships: Partnership[], projects: ProjectDetail[], funds: FundDetail[], today: string, months: number): Funnel {
  const cutoff = monthsBefore(today, months)
  const live = projects.filter((p) => p.status !== 'CANCELLED')
  const pairings = partnerships.filter((p) => p.status === 'ACTIVE').map((partnership): PairingProgress => {
    const org = partnership.organizationId
    const village = partnership.villageCode ?? ''
    const mine = live.filter((p) => (p.partnershipIds ?? []).includes(partnership.id ?? '')
      || (org !== undefined && p.leadOrganizationId === org && (p.villageCodes ?? []).includes(village)))
    const projectIds = new Set(mine.map((p) => p.id))
    let last: PairingProgress['lastActivity'] = null
    let effect = false
    for (const p of mine) {
      last = later(last, p.startDate && p.startDate <= today ? p.startDate : undefined, 'project')
      for (const m of p.milestones ?? []) {
        if (m.completed && m.completedOn) {
          effect = true
          last = later(last, m.completedOn, 'milestone')
        }
      }
    }
    for (const f of funds) {
      const forPairing = (f.projectId && projectIds.has(f.projectId)) || (org !== undefined && f.investorOrganizationId === org && f.villageCode === village)
      if (!forPairing) continue
      for (const d of f.disbursements ?? []) {
        if (d.reversed || !d.disbursedOn) continue
        effect = true
        last = later(last, d.disbursedOn, 'disbursement')
      }
    }
    const stage: Stage = effect ? 'EFFECTIVE' : mine.length ? 'LANDED' : 'SIGNED'
    const light: Light = last && last.on >= cutoff ? 'green' : (partnership.startDate ?? '') >= cutoff ? 'amber' : 'red'
    return { partnership, projects: mine, stage, light, lastActivity: last }
  })
  const order: Record<Light, number> = { red: 0, amber: 1, green: 2 }
  pairings.sort((a, b) => order[a.light] - order[b.light] || (a.partnership.startDate ?? '').localeCompare(b.partnership.startDate ?? ''))
  const byLight: Record<Light, number> = { red: 0, amber: 0, green: 0 }
  for (const p of pairings) byLight[p.light]++
  return {
    cutoff, signed: pairings.length, landed: pairings.filter((p) => p.stage !== 'SIGNED').length,
    effective: pairings.filter((p) => p.stage === 'EFFECTIVE').length, byLight, pairings,
  }
}
