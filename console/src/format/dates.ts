/** A timestamp as people read it in the locale: 2026年12月3日 11:53:43 / Dec 3, 2026, 11:53:43 AM (local time). */
export function formatTimestamp(iso: string | undefined | null, locale: string): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).format(d)
}

/** A count with the locale's grouping (50,000). */
export function formatCount(n: number | string | undefined | null, locale: string): string {
  if (n === undefined || n === null || n === '') return '–'
  const s = String(n)
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s
  const [whole, fraction] = s.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'en' ? ',' : ',')
  return fraction ? `${grouped}.${fraction}` : grouped
}

/** The years the year selector offers: the current year back to 2018 (newest first). */
export function selectableYears(now: Date = new Date()): number[] {
  const out: number[] = []
  for (let y = now.getFullYear(); y >= 2018; y--) out.push(y)
  return out
}
