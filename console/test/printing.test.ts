import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import PrintTitle from '@/components/PrintTitle.vue'
import { printContext, printedName, usePrintContext, valueKey } from '@/components/printTitle'

const year = ref<number | null>(null)
const Dashboard = defineComponent({ setup() { usePrintContext(() => ({ year: year.value })); return () => h('p', 'dashboard') } })
const Map_ = defineComponent({ props: { name: { type: String, required: true } }, setup(props) { usePrintContext(() => ({ township: props.name })); return () => h('p', 'map') } })
const Pairings = defineComponent({
  setup() { usePrintContext(() => ({ labels: printedName('organizationId', 'o-1', new Map([['o-1', '县农业公司']])) })); return () => h('p', 'pairings') },
})

async function title(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/dashboard', component: Dashboard }, { path: '/townships/:name', component: Map_, props: true }, { path: '/partnerships', component: Pairings },
    { path: '/projects', component: { render: () => null } },
  ] })
  await router.push(path)
  const Host = defineComponent({ setup: () => () => h('div', [h(PrintTitle), h(RouterView)]) })
  const w = mount(Host, { global: { plugins: [router, createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })] } })
  await flushPromises()
  return { w, text: () => w.get('[data-testid="print-title"]').text() }
}

describe('the printed title line', () => {
  it("names the dashboard's year when it is not in the query (the latest year by default)", async () => {
    year.value = 2025
    const { w, text } = await title('/dashboard')
    expect(text()).toContain('全县 · 2025 年度 · 未筛选')
    year.value = 2024
    await nextTick()
    expect(text()).toContain('2024 年度')
    w.unmount()
    expect(printContext.year).toBeNull() // the next page does not inherit it
  })

  it("names a township map's township for a county reader", async () => {
    const { w, text } = await title('/townships/龙泉镇')
    expect(text()).toContain('龙泉镇 · 当前数据')
    w.unmount()
    expect(printContext.township).toBeNull()
  })

  it('names an organization filter by the organization, not its id, and the overdue filter in words', async () => {
    const { w, text } = await title('/partnerships?organizationId=o-1&status=ACTIVE')
    expect(text()).toContain('筛选：单位：县农业公司（o-1）；状态：')
    w.unmount()
    expect(valueKey('overdue', 'true', '/projects')).toBe('printing.yes')
    expect(printedName('organizationId', 'o-9', new Map())).toEqual({})
  })
})
