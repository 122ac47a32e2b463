import type { RegisterPartnership } from '@/api/endpoints'
import type { EndPartnership } from '@/api/writes'
import { CATEGORIES } from '@/api/enums'
import { MAX_TEXT, Rules, type Errors } from '@/components/rules'

/** POST /api/partnerships as the server checks it: two codes, a start date, focus among the categories, note ≤ 2000. */
export function validatePartnership(body: RegisterPartnership): Errors {
  return new Rules()
    .code('organizationId', body.organizationId)
    .code('villageCode', body.villageCode)
    .date('startDate', body.startDate, true)
    .allOf('focus', body.focus, CATEGORIES)
    .text('note', body.note, false, MAX_TEXT, false).errors
}

/** POST /api/partnerships/{id}/end as the server checks it: an end date (not before the start), a reason ≤ 2000. */
export function validateEnding(body: EndPartnership, startDate?: string): Errors {
  const rules = new Rules().date('endDate', body.endDate, true).text('reason', body.reason, true, MAX_TEXT, false)
  if (!rules.errors.endDate && startDate && body.endDate < startDate) rules.errors.endDate = { key: 'writes.beforeStart' }
  return rules.errors
}
