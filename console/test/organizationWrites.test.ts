import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import OrganizationHome from '@/organization/OrganizationHome.vue'
import { session } from '@/session/session'
import { manageableRoles, mayChangeStatus, mayCommitFundFor, mayCompleteMilestone, mayDisburse, mayReportProgress, mayReverse } from '@/session/rights'

const user = (roles: string[], extra: Partial<{ township: string; org: string }> = {}) =>
  ({ roles, township: extra.township ?? null, org: extra.org ?? null })
const project = { township: '城关镇', leadOrganizationId: 'org-1', status: 'IN_PROGRESS' }
const fund = { township: '城关镇', investorOrganizationId: 'org-1' }

describe('who may write what (docs/API.md, as the services check it)', () => {
  it('lets the lead organization report progress and complete milestones, and nothing else on a project', () => {
    const lead = user(['ORGANIZATION'], { org: 'org-1' })
    expect(mayReportProgress(lead, project)).toBe(true)
    expect(mayCompleteMilestone(lead, project)).toBe(true)
    expect(mayChangeStatus(lead, project)).toBe(false)
    expect(mayCommitFundFor(lead, project)).toBe(false)
    const other = user(['ORGANIZATION'], { org: 'org-2' })
    expect(mayReportProgress(other, project)).toBe(false)
    expect(mayCompleteMilestone(other, project)).toBe(false)
    expect(mayReportProgress(user(['ORGANIZATION']), { ...project, leadOrganizationId: undefined })).toBe(false)
  })

  it('lets the investing organization disburse but not reverse', () => {
    expect(mayDisburse(user(['ORGANIZATION'], { org: 'org-1' }), fund)).toBe(true)
    expect(mayReverse(user(['ORGANIZATION'], { org: 'org-1' }), fund)).toBe(false)
    expect(mayDisburse(user(['ORGANIZATION'], { org: 'org-2' }), fund)).toBe(false)
  })

  it('lets the township of the record do all of it, another township and the county none of it', () => {
    const clerk = user(['TOWNSHIP'], { township: '城关镇' })
    for (const may of [mayReportProgress, mayCompleteMilestone, mayChangeStatus, mayCommitFundFor]) expect(may(clerk, project)).toBe(true)
    for (const may of [mayDisburse, mayReverse]) expect(may(clerk, fund)).toBe(true)
    const elsewhere = user(['TOWNSHIP'], { township: '龙泉镇' })
    const county = user(['COUNTY'])
    for (const who of [elsewhere, county, null]) {
      for (const may of [mayReportProgress, mayCompleteMilestone, mayChangeStatus, mayCommitFundFor]) expect(may(who, project)).toBe(false)
      for (const may of [mayDisburse, mayReverse]) expect(may(who, fund)).toBe(false)
    }
  })

  it('says whose accounts each role manages (identity-service AccountRules)', () => {
    expect(manageableRoles(user(['COUNTY']))).toEqual(['COUNTY', 'TOWNSHIP'])
    expect(manageableRoles(user(['TOWNSHIP'], { township: '城关镇' }))).toEqual(['ORGANIZATION'])
    expect(manageableRoles(user(['TOWNSHIP']))).toEqual([])
    expect(manageableRoles(user(['ORGANIZATION'], { org: 'org-1' }))).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------- the home's writes

function reply(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json', ...headers } })
}
const page = (items: unknown[]) => ({ items, page: 0, size: 500, total: items.length })
const led = {
  id: 'prj-1', name: '红薯基地', industry: 'SWEET_POTATO', status: 'IN_PROGRESS', township: '城关镇', leadOrganizationId: 'org-1', villageCodes: ['CG001'],
  version: 5, milestones: [{ id: 'm-1', title: '育苗', dueDate: '2026-04-01', completed: false }, { id: 'm-2', title: '移栽', dueDate: '2026-05-01', completed: true, completedOn: '2026-05-02' }],
}
const planned = { ...led, id: 'prj-2', name: '核桃园', status: 'PLANNED', version: 1, milestones: [] }
const notOurs = { ...led, id: 'prj-3', name: '别家的项目', leadOrganizationId: 'org-9' }
const invested = { id: 'f-1', source: 'SOCIAL_CAPITAL', investorOrganizationId: 'org-1', township: '城关镇', villageCode: 'CG001', committedAmount: '1000.00', disbursedAmount: '0.00', remainingAmount: '1000.00', committedOn: '2026-01-05', disbursements: [], version: 2 }
const spent = { ...invested, id: 'f-2', disbursedAmount: '1000.00', remainingAmount: '0.00' }

type Call = [string, RequestInit | undefined]
function server(writes: (url: string, init: RequestInit) => Response) {
  return vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method && init.method !== 'GET') return writes(url, init)
    const path = url.split('?')[0]
    if (path === '/api/organizations/org-1') return reply(200, { id: 'org-1', name: '县农业公司', type: 'ENTERPRISE' })
    if (path === '/api/organizations/org-1/resources') return reply(200, page([]))
    if (path === '/api/partnerships') return reply(200, page([]))
    if (path === '/api/projects') return reply(200, page([led, planned, notOurs]))
    if (path === '/api/funds') return reply(200, page([invested, spent]))
    if (path === '/api/villages') return reply(200, page([{ code: 'CG001', name: '城关村' }]))
    return reply(404, { status: 404, title: 'Not Found' })
  })
}
const writesOf = (fetch: ReturnType<typeof server>) => (fetch.mock.calls as unknown as Call[]).filter(([, i]) => i?.method && i.method !== 'GET')
const headers = (c: Call) => c[1]!.headers as Record<string, string>

async function mountHome() {
  const w = mount(OrganizationHome, {
    global: { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } }), ElementPlus], stubs: { RouterLink: { template: '<a><slot /></a>' } } },
    attachTo: document.body,
  })
  await flushPromises()
  return w
}
const byTestid = (id: string) => [...document.querySelectorAll(`[data-testid="${id}"]`)] as HTMLElement[]
async function click(el: HTMLElement) {
  el.click()
  await flushPromises()
}

beforeEach(() => { session.user = { username: 'org', name: '联络员', roles: ['ORGANIZATION'], township: null, org: 'org-1' } })
afterEach(() => {
  vi.unstubAllGlobals()
  session.user = null
  document.body.innerHTML = ''
})

describe("the organization's home", () => {
  it('offers progress only on the projects it leads that are in progress, and milestones only while open', async () => {
    vi.stubGlobal('fetch', server(() => reply(500, {})))
    const w = await mountHome()
    const cards = byTestid('org-project')
    expect(cards.map((c) => c.querySelector('h3')!.textContent)).toEqual(['红薯基地', '核桃园'])
    const buttons = byTestid('org-report-progress') as HTMLButtonElement[]
    expect(buttons.map((b) => b.disabled)).toEqual([false, true])
    expect(byTestid('org-complete-milestone')).toHaveLength(1) // 育苗 open, 移栽 done
    expect(cards[0].textContent).toContain('节点：已完成 1 / 共 2')
    expect(byTestid('org-disburse').map((b) => (b as HTMLButtonElement).disabled)).toEqual([false, true]) // f-2 fully disbursed
    w.unmount()
  })

  it('reports progress with an Idempotency-Key and shows it done', async () => {
    const fetch = server(() => reply(201, { id: 'r-1', percentComplete: 60, reportedOn: '2026-12-04' }))
    vi.stubGlobal('fetch', fetch)
    const w = await mountHome()
    await click(byTestid('org-report-progress')[0])
    await click(byTestid('progress-dialog-submit')[0])
    const [call] = writesOf(fetch)
    expect(call[0]).toBe('/api/projects/prj-1/progress')
    expect(headers(call)['Idempotency-Key']).toMatch(/.{8,}/)
    expect(JSON.parse(String(call[1]!.body))).toMatchObject({ percentComplete: 0, reportedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
    expect(byTestid('org-notice')[0].textContent).toContain('进度已填报')
    w.unmount()
  })

  it('completes a milestone with If-Match of the version it read', async () => {
    const fetch = server(() => reply(200, { ...led, version: 6 }))
    vi.stubGlobal('fetch', fetch)
    const w = await mountHome()
    await click(byTestid('org-complete-milestone')[0])
    await click(byTestid('milestone-dialog-submit')[0])
    const [call] = writesOf(fetch)
    expect(call[0]).toBe('/api/projects/prj-1/milestones/m-1/complete')
    expect(headers(call)['If-Match']).toBe('"5"')
    w.unmount()
  })

  it("shows the server's 403 as a refusal, beside the form it keeps", async () => {
    const fetch = server(() => reply(403, { status: 403, title: 'Forbidden', detail: 'An ORGANIZATION acts only for its own organization.' }))
    vi.stubGlobal('fetch', fetch)
    const w = await mountHome()
    await click(byTestid('org-disburse')[0])
    const amount = byTestid('disburse-amount')[0] as HTMLInputElement
    amount.value = '200.00'
    amount.dispatchEvent(new Event('input'))
    await flushPromises()
    await click(byTestid('disburse-dialog-submit')[0])
    const [call] = writesOf(fetch)
    expect(call[0]).toBe('/api/funds/f-1/disbursements')
    expect(headers(call)['Idempotency-Key']).toMatch(/.{8,}/)
    const problem = byTestid('form-problem').map((p) => p.textContent).join(' ')
    expect(problem).toContain('403 无权限')
    expect(problem).toContain('An ORGANIZATION acts only for its own organization.')
    expect((byTestid('disburse-amount')[0] as HTMLInputElement).value).toBe('200.00')
    w.unmount()
  })
})

describe('a table that scrolls sideways on a phone', () => {
  it('is reachable by keyboard, named after its heading', async () => {
    vi.stubGlobal('fetch', server(() => reply(500, {})))
    const w = await mountHome()
    const wraps = [...document.querySelectorAll('[data-testid="org-resources"] .el-scrollbar__wrap')] as HTMLElement[]
    expect(wraps.length).toBeGreaterThan(0)
    for (const wrap of wraps) {
      expect(wrap.tabIndex).toBe(0)
      expect(wrap.getAttribute('aria-label')).toBe('提供的资源')
    }
    w.unmount()
  })
})
