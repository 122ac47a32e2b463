// The township's overdue milestones: past their due date, not completed, in a project that is not final (the
// project-service marks each milestone `overdue` by its own clock; the list below keeps its judgement).
import type { Milestone, ProjectDetail } from '@/api/writes'

export interface MilestoneOf {
  project: Pick<ProjectDetail, 'id' | 'name' | 'version'>
  milestone: Milestone
}

export interface OverdueMilestone extends MilestoneOf {
  project: ProjectDetail
  /** Whole days past the due date on `today`. */
  daysOverdue: number
}

const DAY = 86_400_000
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / DAY)
}

/** Every overdue milestone of `projects` (of `township`, when given), the longest overdue first. */
export function overdueMilestones(projects: ProjectDetail[], today: string, township?: string | null): OverdueMilestone[] {
  const out: OverdueMilestone[] = []
  for (const project of projects) {
    if (township && project.township && project.township !== township) continue
    for (const milestone of project.milestones ?? []) {
      if (!milestone.overdue || milestone.completed || !milestone.dueDate) continue
      out.push({ project, milestone, daysOverdue: Math.max(0, daysBetween(milestone.dueDate, today)) })
    }
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.project.name ?? '').localeCompare(b.project.name ?? ''))
}
