// What an organization's home shows of the record: the projects it leads (project-service lists have no lead filter,
// so every page is read and filtered here), its milestones in order, the money it invested.
import { addYuan, isMoney } from '@/format/money'

/** Every item of a paged list (one implementation for all screens). */
export { allPages } from '@/components/allPages'

export function ledBy<P extends { leadOrganizationId?: string }>(projects: P[], organizationId: string): P[] {
  return projects.filter((p) => p.leadOrganizationId === organizationId)
}

export interface MilestoneLike { id?: string; title?: string; dueDate?: string; completed?: boolean; completedOn?: string; overdue?: boolean }

/** Milestones by due date; how many are done and how many overdue. */
export function milestoneSummary<M extends MilestoneLike>(milestones: M[] | undefined): { sorted: M[]; total: number; done: number; overdue: number } {
  const sorted = [...(milestones ?? [])].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))
  return { sorted, total: sorted.length, done: sorted.filter((m) => m.completed).length, overdue: sorted.filter((m) => !m.completed && m.overdue).length }
}

/** The funds' committed and disbursed totals (exact decimal strings). */
export function fundTotals(funds: { committedAmount?: string; disbursedAmount?: string }[]): { committed: string; disbursed: string } {
  const money = (s: string | undefined) => (s && isMoney(s) ? s : '0')
  return { committed: addYuan('0', ...funds.map((f) => money(f.committedAmount))), disbursed: addYuan('0', ...funds.map((f) => money(f.disbursedAmount))) }
}
