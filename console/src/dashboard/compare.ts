import type { Figures } from '@/api/stats'
import { subtractYuan } from '@/format/money'

export interface ComparisonRow {
  key: string
  kind: 'count' | 'money'
  current: string
  previous: string | null
  change: string | null
}

/** The figures that depend on the year (money and income) beside the previous year's, with the exact change. */
export function compareWithPreviousYear(current: Figures, previous: Figures | null): ComparisonRow[] {
  const money = (key: string, a: string | undefined, b: string | undefined): ComparisonRow => ({
    key, kind: 'money', current: a ?? '0.00', previous: previous ? (b ?? '0.00') : null,
    change: previous ? subtractYuan(a ?? '0.00', b ?? '0.00') : null,
  })
  const count = (key: string, a: number, b: number | undefined): ComparisonRow => ({
    key, kind: 'count', current: String(a), previous: previous ? String(b ?? 0) : null,
    change: previous ? signed(a - (b ?? 0)) : null,
  })
  const p = previous
  return [
    money('committed', current.investment.committed, p?.investment.committed),
    money('disbursed', current.investment.disbursed, p?.investment.disbursed),
    money('collectiveIncome', current.collectiveIncome.total, p?.collectiveIncome.total),
    count('atLeast500k', current.collectiveIncome.bands.atLeast500k, p?.collectiveIncome.bands.atLeast500k),
    count('from200kTo500k', current.collectiveIncome.bands.from200kTo500k, p?.collectiveIncome.bands.from200kTo500k),
    count('below200k', current.collectiveIncome.bands.below200k, p?.collectiveIncome.bands.below200k),
  ]
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n)
}

/** The year the dashboard opens on: the latest year with collective income reported, else this year. */
export function defaultYear(latest: { collectiveIncome?: { year?: number | null } } | null, now: Date = new Date()): number {
  return latest?.collectiveIncome?.year ?? now.getFullYear()
}
