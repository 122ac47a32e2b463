// What an organization's home shows of the record: the projects it leads (project-service lists have no lead filter,
// so every page is read and filtered here), its milestones in order, the money it invested.
import { addYuan, isMoney } from '@/format/money'

export interface PageLike<T> { items?: T[]; total?: number }

/** Every item of a paged list (size 500, at most `maxPages` pages). */
export async function allPages<T>(fetch: (page: number, size: number) => Promise<PageLike<T>>, maxPages = 20): Promise<T[]> {
  const out: T[] = []
  for (let page = 0; page < maxPages; page++) {
    const r = await fetch(page, 500)
    out.push(...(r.items ?? []))
    if (out.length >= (r.total ?? 0) || (r.items ?? []).length === 0) break
  }
  return out
}

export function ledBy<P extends { leadOrganizationId?: string }>(projects: P[], organizationId: string): P[] {
  return projects.filter((p) => p.leadOrganizationId === organizationId)
}

export interface MilestoneLike { id?: string; title?: string; dueDate?: string; completed?: boolean; completedOn?: string; overdue?: boolean }

/** Milestones by due date; how many are done and how many overdue. */
export function milestoneSummary<M extends MilestoneLike>(milestones: M[] | undefined): { sorted: M[]; done: number; overdue: number } {
  const sorted = [...(milestones ?? [])].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))
  return { sorted, done: sorted.filter((m) => m.completed).length, overdue: sorted.filter((m) => !m.completed && m.overdue).length }
}

/** The funds' committed and disbursed totals (exact decimal strings). */
export function fundTotals(funds: { committedAmount?: string; disbursedAmount?: string }[]): { committed: string; disbursed: string } {
  const money = (s: string | undefined) => (s && isMoney(s) ? s : '0')
  return { committed: addYuan('0', ...funds.map((f) => money(f.committedAmount))), disbursed: addYuan('0', ...funds.map((f) => money(f.disbursedAmount))) }
}
