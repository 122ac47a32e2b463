// The title line a printed page carries (A4): township, year and the list's filters, from the route's query (every
// list keeps its filters there) and the signed-in user's township. A page whose year is not in its query names it
// with a `data-print-year` attribute.
import type { LocationQuery } from 'vue-router'
import { ENUMS } from '@/api/enums'

/** Query names that are not filters. */
const NOT_FILTERS = new Set(['page', 'size', 'created', 'year', 'township'])
/** A filter's value is one of an enumeration: its i18n prefix. */
const VALUE_PREFIX: Record<string, string> = {
  status: '', category: 'category', type: 'orgType', industry: 'industry', source: 'source', light: 'funnel.light',
}

export interface PrintLine {
  township: string | null
  year: string | null
  filters: { name: string; value: string }[]
}

export function printLineOf(query: LocationQuery, userTownship: string | null | undefined, pageYear: string | null): PrintLine {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null)
  const filters: PrintLine['filters'] = []
  for (const [name, raw] of Object.entries(query)) {
    const value = str(raw)
    if (!value || NOT_FILTERS.has(name)) continue
    filters.push({ name, value })
  }
  return { township: str(query.township) ?? userTownship ?? null, year: str(query.year) ?? pageYear, filters }
}

/** The i18n key of a filter value ('' when it is shown as it is). */
export function valueKey(name: string, value: string, path: string): string {
  let prefix = VALUE_PREFIX[name]
  if (name === 'status') prefix = path.startsWith('/projects') ? 'projectStatus' : path.startsWith('/needs') ? 'needStatus' : 'partnershipStatus'
  if (!prefix) return ''
  const enumName = prefix.split('.')[0]
  const values = ENUMS[enumName]
  return !values || values.includes(value) || prefix.includes('.') ? `${prefix}.${value}` : ''
}
