// A list screen's state: filters and page in the URL's query (so a filtered list is a deep link), the page fetched
// from the API whenever they change.
import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { Query } from '@/api/client'

export interface PageOf<T> {
  items?: T[]
  total?: number
}

export const PAGE_SIZE = 20

export function usePagedList<T>(filterNames: string[], fetch: (q: Query) => Promise<PageOf<T>>, size = PAGE_SIZE) {
  const route = useRoute()
  const router = useRouter()
  const items = ref<T[]>([]) as { value: T[] }
  const total = ref(0)
  const loading = ref(false)
  const error = ref<unknown>(null)
  const filters = ref<Record<string, string>>({})
  const page = computed(() => Math.max(1, Number(route.query.page ?? 1) || 1))

  function readFilters() {
    const f: Record<string, string> = {}
    for (const n of filterNames) if (typeof route.query[n] === 'string') f[n] = route.query[n] as string
    filters.value = f
  }

  async function load() {
    readFilters()
    loading.value = true
    error.value = null
    try {
      const r = await fetch({ ...filters.value, page: page.value - 1, size })
      items.value = r.items ?? []
      total.value = r.total ?? 0
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  function apply() {
    const q: Record<string, string> = {}
    for (const [k, v] of Object.entries(filters.value)) if (v) q[k] = v
    router.push({ query: q })
  }
  function reset() {
    filters.value = {}
    router.push({ query: {} })
  }
  function goTo(p: number) {
    router.push({ query: { ...route.query, page: String(p) } })
  }

  watch(() => route.fullPath, () => { if (route.matched.length) load() }, { immediate: true })
  return { items, total, loading, error, filters, page, size, load, apply, reset, goTo }
}
