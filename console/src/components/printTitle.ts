// The title line a printed page carries (A4): township, year and the list's filters, from the route's query (every
// list keeps its filters there) and the signed-in user's township. A page whose year or township is not in its query
// (the dashboard's default year, a township's map, a village) or whose filter is an id names them with usePrintContext.
import { onBeforeUnmount, reactive, watchEffect } from 'vue'
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

/** What the shown page says about itself for its title line: its year, its township, readable names of id filters. */
export interface PrintContext {
  year: string | null
  township: string | null
  labels: Record<string, string>
}
export const printContext = reactive<PrintContext>({ year: null, township: null, labels: {} })
let owner = 0

/** The page's year, township and filter names for the title line, kept while the page is shown. */
export function usePrintContext(get: () => { year?: number | string | null; township?: string | null; labels?: Record<string, string> }) {
  const me = ++owner
  const stop = watchEffect(() => {
    const c = get()
    if (owner !== me) return
    printContext.year = c.year === undefined || c.year === null || c.year === '' ? null : String(c.year)
    printContext.township = c.township || null
    printContext.labels = c.labels ?? {}
  })
  onBeforeUnmount(() => {
    stop()
    if (owner === me) Object.assign(printContext, { year: null, township: null, labels: {} })
  })
}

/** A filter whose value is an id, named for the title line when its name is known. */
export function printedName(filter: string, id: unknown, names: Map<string, string>): Record<string, string> {
  const name = typeof id === 'string' ? names.get(id) : undefined
  return name ? { [filter]: `${name}（${id}）` } : {}
}

export function printLineOf(query: LocationQuery, userTownship: string | null | undefined, pageYear: string | null, pageTownship: string | null = null): PrintLine {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null)
  const filters: PrintLine['filters'] = []
  for (const [name, raw] of Object.entries(query)) {
    const value = str(raw)
    if (!value || NOT_FILTERS.has(name)) continue
    filters.push({ name, value })
  }
  return { township: str(query.township) ?? pageTownship ?? userTownship ?? null, year: str(query.year) ?? pageYear, filters }
}

/** The i18n key of a filter value ('' when it is shown as it is). */
export function valueKey(name: string, value: string, path: string): string {
  let prefix = VALUE_PREFIX[name]
  if (name === 'status') prefix = path.startsWith('/projects') ? 'projectStatus' : path.startsWith('/needs') ? 'needStatus' : 'partnershipStatus'
  if (name === 'overdue') return value === 'true' ? 'printing.yes' : ''
  if (!prefix) return ''
  const enumName = prefix.split('.')[0]
  const values = ENUMS[enumName]
  return !values || values.includes(value) || prefix.includes('.') ? `${prefix}.${value}` : ''
}
