// Every page of a list (size 500 each, the API's largest), for the views that need a whole township's records.
export const MAX_PAGE = 500

export async function allPages<T>(fetchPage: (page: number, size: number) => Promise<{ items?: T[]; total?: number }>, limit = 20): Promise<T[]> {
  const out: T[] = []
  for (let page = 0; page < limit; page++) {
    const r = await fetchPage(page, MAX_PAGE)
    const items = r.items ?? []
    out.push(...items)
    if (items.length < MAX_PAGE || out.length >= (r.total ?? 0)) break
  }
  return out
}
