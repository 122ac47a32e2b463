import type { PostNeed, ResolveNeed } from '@/api/endpoints'
import type { ClaimNeed, ReleaseNeed } from '@/api/writes'
import { CATEGORIES } from '@/api/enums'
import { MAX_NAME, MAX_TEXT, Rules, type Errors } from '@/components/rules'

/** POST /api/needs as the server checks it: villageCode a code, category one of the categories, title ≤ 200, description ≤ 2000. */
export function validateNeed(body: PostNeed): Errors {
  return new Rules()
    .code('villageCode', body.villageCode)
    .oneOf('category', body.category, CATEGORIES, true)
    .text('title', body.title, true, MAX_NAME)
    .text('description', body.description, false, MAX_TEXT, false).errors
}

/** POST /api/needs/{id}/resolve as the server checks it: a partnership id, the date, a note ≤ 2000. */
export function validateResolution(body: ResolveNeed): Errors {
  return new Rules()
    .code('partnershipId', body.partnershipId)
    .date('resolvedOn', body.resolvedOn, true)
    .text('note', body.note, false, MAX_TEXT, false).errors
}

/** POST /api/needs/{id}/claim as the server checks it: an organization id, a note ≤ 2000. */
export function validateClaim(body: ClaimNeed): Errors {
  return new Rules().code('organizationId', body.organizationId).text('note', body.note, false, MAX_TEXT, false).errors
}

/** POST /api/needs/{id}/release as the server checks it: a reason ≤ 2000, if any. */
export function validateRelease(body: ReleaseNeed): Errors {
  return new Rules().text('reason', body.reason, false, MAX_TEXT, false).errors
}

/** What a claim dialog is opened for: the need, and the organization when it is given (a suggestion's, or one's own). */
export interface ClaimTarget { need: { id?: string; title?: string }; organizationId?: string; suggestionScore?: number }
