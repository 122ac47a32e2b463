import type { RegisterPartnership } from '@/api/endpoints'
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
