// project-service's RequestValidation, so the forms refuse what the server would; and the status transitions its
// Project aggregate allows (API.md), so the status form offers only those.
import type { ChangeStatus, CompleteMilestone, CreateProject, ReportProgress } from '@/api/writes'
import { INDUSTRIES, PROJECT_STATUSES, UNITS } from '@/api/enums'
import { MAX_NAME, MAX_TEXT, WriteRules, type Errors } from '@/components/rules'

export const MAX_VILLAGES = 50
export const MAX_PARTNERSHIPS = 50
export const MAX_MILESTONES = 100
export const MAX_QUANTITY = 1_000_000_000

/** POST /api/projects as RequestValidation.create checks it. */
export function validateProject(body: CreateProject): Errors {
  const r = new WriteRules()
    .text('name', body.name, true, MAX_NAME)
    .oneOf('industry', body.industry, INDUSTRIES, true)
    .references('villageCodes', body.villageCodes, 1, MAX_VILLAGES)
    .references('partnershipIds', body.partnershipIds, 0, MAX_PARTNERSHIPS)
    .reference('leadOrganizationId', body.leadOrganizationId, false)
    .quantity('scale.quantity', body.scale?.quantity, MAX_QUANTITY)
    .oneOf('scale.unit', body.scale?.unit, UNITS, true)
    .money('plannedInvestment', body.plannedInvestment, false)
    .date('startDate', body.startDate, true)
    .date('endDate', body.endDate, false)
    .notBefore('endDate', body.endDate, body.startDate)
    .text('ref', body.ref, false, 100)
  const milestones = body.milestones ?? []
  if (milestones.length > MAX_MILESTONES) r.errors.milestones = { key: 'writes.tooMany', params: { max: MAX_MILESTONES } }
  milestones.forEach((m, i) => {
    r.text(`milestones[${i}].title`, m.title, true, MAX_NAME)
      .date(`milestones[${i}].dueDate`, m.dueDate, true)
      .notBefore(`milestones[${i}].dueDate`, m.dueDate, body.startDate)
  })
  return r.errors
}

/** The statuses a project may move to from `status` (Project.changeStatus; anything else is a 409). */
export function nextStatuses(status: string | undefined): string[] {
  switch (status) {
    case 'PLANNED': return ['APPROVED', 'SUSPENDED', 'CANCELLED']
    case 'APPROVED': return ['IN_PROGRESS', 'SUSPENDED', 'CANCELLED']
    case 'IN_PROGRESS': return ['COMPLETED', 'SUSPENDED', 'CANCELLED']
    case 'SUSPENDED': return ['IN_PROGRESS', 'CANCELLED']
    default: return [] // COMPLETED and CANCELLED are final
  }
}

/** POST /api/projects/{id}/status: one of the statuses, a reason ≤ 2000. */
export function validateStatusChange(body: ChangeStatus): Errors {
  return new WriteRules()
    .oneOf('status', body.status, PROJECT_STATUSES, true)
    .text('reason', body.reason, false, MAX_TEXT, false).errors
}

/** POST /api/projects/{id}/progress: 0–100, the date, a note ≤ 2000. */
export function validateProgress(body: ReportProgress): Errors {
  return new WriteRules()
    .integer('percentComplete', body.percentComplete, 0, 100)
    .date('reportedOn', body.reportedOn, true)
    .text('note', body.note, false, MAX_TEXT, false).errors
}

/** POST /api/projects/{id}/milestones/{milestoneId}/complete: the date. */
export function validateMilestoneCompletion(body: CompleteMilestone): Errors {
  return new WriteRules().date('completedOn', body.completedOn, true).errors
}
