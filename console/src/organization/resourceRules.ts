import type { components as P } from '@/api/generated/partnership'
import { CATEGORIES } from '@/api/enums'
import { MAX_NAME, MAX_TEXT, Rules, type Errors } from '@/components/rules'

export type OfferResource = P['schemas']['OfferResource']

/** POST /api/organizations/{id}/resources as partnership-service checks it: a category, a title ≤ 200, a description ≤ 2000. */
export function validateResource(body: OfferResource): Errors {
  return new Rules()
    .oneOf('category', body.category, CATEGORIES, true)
    .text('title', body.title, true, MAX_NAME)
    .text('description', body.description, false, MAX_TEXT, false).errors
}
