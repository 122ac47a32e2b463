import type { Freshness } from '@/api/stats'

export interface FreshnessState {
  asOf: string | null
  /** true when the statistics say they trail the record (behind, a rebuild, or events held / dead-lettered) */
  warning: boolean
  behindSeconds: number | null
  reasons: string[]
  rebuilding: boolean
  held: number
  deadLettered: number
}

/** What the freshness line says, from the head of a statistics response. */
export function freshnessOf(f: Freshness | null | undefined): FreshnessState {
  const behind = f?.behind
  const held = f?.gaps?.held ?? 0
  const deadLettered = f?.gaps?.deadLettered ?? 0
  const rebuilding = f?.rebuilding === true
  return {
    asOf: f?.asOf ?? null,
    warning: Boolean(behind) || rebuilding || held > 0 || deadLettered > 0,
    behindSeconds: behind ? behind.seconds : null,
    reasons: behind ? [...new Set(behind.sources.map((s) => s.reason))] : [],
    rebuilding,
    held,
    deadLettered,
  }
}
