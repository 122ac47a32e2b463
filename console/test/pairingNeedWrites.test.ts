import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import NeedsList from '@/needs/NeedsList.vue'
import { byTestid, cleanUp, click, headersOf, mountWith, reply, type, writesOf } from './support'
import { session } from '@/session/session'
import { mayClaimNeed, mayEndPartnership, mayReleaseNeed, maySeeNeedSuggestions } from '@/session/rights'
import { validateEnding } from '@/partnerships/partnershipRules'
import EndPartnershipDialog from '@/partnerships/EndPartnershipDialog.vue'
import EndPartnershipButton from '@/partnerships/EndPartnershipButton.vue'
import ClaimNeedDialog from '@/needs/ClaimNeedDialog.vue'
import ReleaseNeedDialog from '@/needs/ReleaseNeedDialog.vue'
import NeedSuggestionsDialog from '@/needs/NeedSuggestionsDialog.vue'
import OrganizationHome from '@/organization/OrganizationHome.vue'

const user = (roles: string[], extra: Partial<{ township: string; org: string }> = {}) =>
  ({ roles, township: extra.township ?? null, org: extra.org ?? null })
const clerk = user(['TOWNSHIP'], { township: '城关镇' })
const elsewhere = user(['TOWNSHIP'], { township: '龙泉镇' })
const county = user(['COUNTY'])
const owner = user(['ORGANIZATION'], { org: 'org-1' })
const other = user(['ORGANIZATION'], { org: 'org-2' })

afterEach(cleanUp)

const pairing = { id: 'p-1', organizationId: 'org-1', villageCode: 'CG001', township: '城关镇', status: 'ACTIVE', startDate: '2024-03-01', version: 3 }

describe('who may end a pairing (TOWNSHIP of its township, or the owning ORGANIZATION)', () => {
  it('per role', () => {
    expect(mayEndPartnership(clerk, pairing)).toBe(true)
    expect(mayEndPartnership(owner, pairing)).toBe(true)
    for (const who of [elsewhere, county, other, null]) expect(mayEndPartnership(who, pairing)).toBe(false)
    expect(mayEndPartnership(clerk, { ...pairing, status: 'ENDED' })).toBe(false)
  })
  it('checks the end date and reason as the server does', () => {
    expect(validateEnding({ endDate: '2024-03-01', reason: '帮扶期满' }, '2024-03-01')).toEqual({})
    expect(validateEnding({ endDate: '2024-02-28', reason: '帮扶期满' }, '2024-03-01').endDate?.key).toBe('writes.beforeStart')
    expect(validateEnding({ endDate: '', reason: '帮扶期满' }).endDate?.key).toBe('form.required')
    expect(validateEnding({ endDate: '2024-05-01', reason: ' ' }).reason?.key).toBe('form.required')
  })
  it('shows the button only to them', async () => {
    for (const [who, shown] of [[clerk, 1], [owner, 1], [other, 0], [county, 0]] as const) {
      session.user = { username: 'u', name: 'u', ...who } as typeof session.user
      const w = await mountWith(EndPartnershipButton, { partnership: pairing })
      expect(byTestid('end-partnership'), JSON.stringify(who)).toHaveLength(shown)
      w.unmount()
    }
  })
})

describe('ending a pairing', () => {
  it('sends the end date and reason with If-Match of the version read', async () => {
    const fetch = vi.fn(async () => reply(200, { ...pairing, status: 'ENDED', endDate: '2026-12-04', version: 4 }))
    vi.stubGlobal('fetch', fetch)
    const w = await mountWith(EndPartnershipDialog, { partnership: null })
    await w.setProps({ partnership: pairing, organizationName: '县农业公司' })
    await flushPromises()
    await click(byTestid('end-partnership-dialog-submit')[0])
    expect(writesOf(fetch)).toHaveLength(0) // the reason is required
    await type('end-partnership-reason', '帮扶期满')
    await click(byTestid('end-partnership-dialog-submit')[0])
    const [call] = writesOf(fetch)
    expect(call[0]).toBe('/api/partnerships/p-1/end')
    expect(headersOf(call)['If-Match']).toBe('"3"')
    expect(JSON.parse(String(call[1]!.body))).toEqual({ endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reason: '帮扶期满' })
    expect(w.emitted('ended')).toHaveLength(1)
    w.unmount()
  })

  it('says plainly that a pairing was already ended (409), and asks for a fresh list', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => reply(409, { status: 409, title: 'Conflict', detail: 'partnership p-1 already ended' })))
    const w = await mountWith(EndPartnershipDialog, { partnership: null })
    await w.setProps({ partnership: pairing })
    await flushPromises()
    await type('end-partnership-reason', '帮扶期满')
    await click(byTestid('end-partnership-dialog-submit')[0])
    expect(byTestid('form-problem')[0].textContent).toContain('这个结对已经结束了')
    expect(w.emitted('stale')).toHaveLength(1)
    w.unmount()
  })

  it("shows the server's field problem beside the field", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => reply(400, { status: 400, title: 'Bad Request', detail: 'invalid', errors: [{ field: 'endDate', message: 'must not be before startDate 2024-03-01' }] })))
    const w = await mountWith(EndPartnershipDialog, { partnership: null })
    await w.setProps({ partnership: { ...pairing, startDate: undefined } })
    await flushPromises()
    await type('end-partnership-reason', '帮扶期满')
    await click(byTestid('end-partnership-dialog-submit')[0])
    const item = document.querySelector('label[for="end-partnership-date"]')!.closest('.el-form-item')!
    expect(item.classList.contains('is-error')).toBe(true) // no client rule fails here (no start date known): the server's message
    w.unmount()
  })
})


// ------------------------------------------------------------------------------------------- claims and suggestions

const open = { id: 'n-1', title: '红薯销路', villageCode: 'CG001', township: '城关镇', category: 'MARKETING', status: 'OPEN', version: 1 }
const claimed = { ...open, status: 'CLAIMED', claim: { organizationId: 'org-1' } }
const signIn = (who: ReturnType<typeof user>) => { session.user = { username: 'u', name: 'u', ...who } as typeof session.user }

describe('who may claim and release a need, and see its suggestions', () => {
  it('claim: TOWNSHIP of its township for anyone, an ORGANIZATION for itself; only while OPEN', () => {
    expect(mayClaimNeed(clerk, open)).toBe(true)
    expect(mayClaimNeed(clerk, open, 'org-9')).toBe(true)
    expect(mayClaimNeed(owner, open)).toBe(true)
    expect(mayClaimNeed(owner, open, 'org-2')).toBe(false)
    for (const who of [elsewhere, county, null]) expect(mayClaimNeed(who, open)).toBe(false)
    expect(mayClaimNeed(clerk, claimed)).toBe(false)
  })
  it('release: TOWNSHIP of its township or the claiming ORGANIZATION; only while CLAIMED', () => {
    expect(mayReleaseNeed(clerk, claimed)).toBe(true)
    expect(mayReleaseNeed(owner, claimed)).toBe(true)
    for (const who of [other, elsewhere, county, null]) expect(mayReleaseNeed(who, claimed)).toBe(false)
    expect(mayReleaseNeed(clerk, open)).toBe(false)
  })
  it('suggestions: TOWNSHIP and COUNTY', () => {
    expect(maySeeNeedSuggestions(clerk)).toBe(true)
    expect(maySeeNeedSuggestions(county)).toBe(true)
    expect(maySeeNeedSuggestions(owner)).toBe(false)
  })
})

describe('claiming and releasing', () => {
  it('a TOWNSHIP claims for the organization it picks, with an Idempotency-Key kept across a retried 503', async () => {
    signIn(clerk)
    const fetch = vi.fn()
      .mockResolvedValueOnce(reply(503, { status: 503, title: 'Service Unavailable' }))
      .mockResolvedValueOnce(reply(200, { ...claimed }))
    vi.stubGlobal('fetch', fetch)
    const w = await mountWith(ClaimNeedDialog, { target: null, organizations: [{ id: 'org-1', name: '县农业公司' }] })
    await w.setProps({ target: { need: open } })
    await flushPromises()
    await click(byTestid('claim-dialog-submit')[0])
    expect(writesOf(fetch)).toHaveLength(0) // no organization chosen yet
    await w.setProps({ target: { need: open, organizationId: 'org-1', suggestionScore: 72 } })
    await flushPromises()
    expect(byTestid('claim-organization-fixed')[0].textContent).toBe('县农业公司')
    await click(byTestid('claim-dialog-submit')[0])
    await click(byTestid('claim-dialog-submit')[0])
    const [first, second] = writesOf(fetch)
    expect(first[0]).toBe('/api/needs/n-1/claim')
    expect(JSON.parse(String(first[1]!.body))).toEqual({ organizationId: 'org-1', suggestionScore: 72 })
    expect(headersOf(first)['Idempotency-Key']).toMatch(/.{8,}/)
    expect(headersOf(second)['Idempotency-Key']).toBe(headersOf(first)['Idempotency-Key'])
    expect(w.emitted('claimed')).toHaveLength(1)
    w.unmount()
  })

  it('says plainly that a need is no longer open (409)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => reply(409, { status: 409, title: 'Conflict', detail: 'need n-1 is CLAIMED' })))
    const w = await mountWith(ClaimNeedDialog, { target: null })
    await w.setProps({ target: { need: open, organizationId: 'org-1' } })
    await flushPromises()
    await click(byTestid('claim-dialog-submit')[0])
    expect(byTestid('form-problem')[0].textContent).toContain('已不是待解决状态')
    expect(w.emitted('stale')).toHaveLength(1)
    w.unmount()
  })

  it('releases with the reason, if any', async () => {
    const fetch = vi.fn(async () => reply(200, { ...open }))
    vi.stubGlobal('fetch', fetch)
    const w = await mountWith(ReleaseNeedDialog, { need: null })
    await w.setProps({ need: claimed })
    await flushPromises()
    await type('release-reason', '资源不足')
    await click(byTestid('release-dialog-submit')[0])
    const [call] = writesOf(fetch)
    expect(call[0]).toBe('/api/needs/n-1/release')
    expect(JSON.parse(String(call[1]!.body))).toEqual({ reason: '资源不足' })
    expect(w.emitted('released')).toHaveLength(1)
    w.unmount()
  })
})

const ranked = {
  needId: 'n-1', items: [
    { organizationId: 'org-1', organizationName: '县农业公司', resourceTitle: '冷链车', score: 72, reasons: [{ code: 'CATEGORY', text: '提供同类资源：冷链车', weight: 40 }, { code: 'NEAR', text: '已与本村结对', weight: 32 }] },
    { organizationId: 'org-2', organizationName: '县商会', score: 20, reasons: [{ code: 'TOWNSHIP', text: '在本乡镇有结对', weight: 20 }] },
  ], total: 2,
}

describe("a need's suggestions", () => {
  it('lists the organizations ranked with their reasons; a TOWNSHIP of its township claims for one', async () => {
    signIn(clerk)
    const fetch = vi.fn(async () => reply(200, ranked))
    vi.stubGlobal('fetch', fetch)
    const w = await mountWith(NeedSuggestionsDialog, { need: null })
    await w.setProps({ need: open })
    await flushPromises()
    expect(fetch.mock.calls[0][0]).toBe('/api/needs/n-1/suggestions')
    const reasons = byTestid('suggestion-reasons').map((r) => r.textContent)
    expect(reasons[0]).toContain('匹配分 72')
    expect(reasons[0]).toContain('提供同类资源：冷链车（+40）')
    await click(byTestid('claim-for')[1])
    expect(w.emitted('claim')![0][0]).toMatchObject({ organizationId: 'org-2', score: 20 })
    w.unmount()
  })

  it('offers no claim to the COUNTY, which only reads them', async () => {
    signIn(county)
    vi.stubGlobal('fetch', vi.fn(async () => reply(200, ranked)))
    const w = await mountWith(NeedSuggestionsDialog, { need: null })
    await w.setProps({ need: open })
    await flushPromises()
    expect(byTestid('suggestion-reasons')).toHaveLength(2)
    expect(byTestid('claim-for')).toHaveLength(0)
    w.unmount()
  })
})

describe("the organization's home: the needs that fit it", () => {
  it('lists them with their reasons and claims one for itself', async () => {
    signIn(owner)
    const page = (items: unknown[]) => ({ items, page: 0, size: 500, total: items.length })
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') return reply(200, { ...claimed })
      const path = url.split('?')[0]
      if (path === '/api/organizations/org-1') return reply(200, { id: 'org-1', name: '县农业公司', type: 'ENTERPRISE' })
      if (path === '/api/organizations/org-1/suggestions') return reply(200, {
        organizationId: 'org-1', total: 1,
        items: [{ needId: 'n-1', title: '红薯销路', villageCode: 'CG001', township: '城关镇', category: 'MARKETING', score: 72, reasons: [{ code: 'CATEGORY', text: '提供同类资源：冷链车', weight: 40 }] }],
      })
      if (path === '/api/villages') return reply(200, page([{ code: 'CG001', name: '城关村' }]))
      if (path.startsWith('/api/')) return reply(200, page([]))
      return reply(404, { status: 404 })
    })
    vi.stubGlobal('fetch', fetch)
    const w = await mountWith(OrganizationHome, {})
    expect(byTestid('org-fitting')[0].textContent).toContain('红薯销路')
    expect(byTestid('org-fitting')[0].textContent).toContain('提供同类资源：冷链车')
    await click(byTestid('org-claim')[0])
    expect(byTestid('claim-organization-fixed')[0].textContent).toBe('县农业公司')
    await click(byTestid('claim-dialog-submit')[0])
    const [call] = writesOf(fetch)
    expect(call[0]).toBe('/api/needs/n-1/claim')
    expect(JSON.parse(String(call[1]!.body))).toEqual({ organizationId: 'org-1', suggestionScore: 72 })
    expect(headersOf(call)['Idempotency-Key']).toMatch(/.{8,}/)
    expect(byTestid('org-notice')[0].textContent).toContain('需求已认领')
    w.unmount()
  })
})

describe('the needs list offers claim, release and suggestions per role', () => {
  async function mountList() {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/needs', component: NeedsList }, { path: '/:p(.*)', component: { template: '<p />' } }] })
    await router.push('/needs')
    const w = mount({ components: { RouterView }, template: '<RouterView />' }, {
      global: { plugins: [router, createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } }), ElementPlus] }, attachTo: document.body,
    })
    await flushPromises()
    return w
  }
  const needsServer = () => vi.fn(async (url: string, init?: RequestInit) => {
    const path = url.split('?')[0]
    if (init?.method === 'POST') return reply(200, { ...claimed })
    if (path === '/api/needs') return reply(200, { items: [open, { ...claimed, id: 'n-2', title: '冷库' }], page: 0, size: 20, total: 2 })
    if (path === '/api/organizations') return reply(200, { items: [{ id: 'org-1', name: '县农业公司' }, { id: 'org-2', name: '县商会' }], page: 0, size: 500, total: 2 })
    if (path === '/api/needs/n-1/suggestions') return reply(200, ranked)
    return reply(404, { status: 404 })
  })
  const rowButtons = () => [...document.querySelectorAll('[data-testid="needs"] .el-table__body tbody tr')].map((r) =>
    [...r.querySelectorAll('[data-testid]')].map((b) => b.getAttribute('data-testid')))

  it('TOWNSHIP of the township: claim and suggestions on the open one, release on the claimed one; claims a suggestion', async () => {
    signIn(clerk)
    const fetch = needsServer()
    vi.stubGlobal('fetch', fetch)
    const w = await mountList()
    expect(rowButtons()).toEqual([['resolve', 'claim', 'suggestions'], ['claimed-by', 'resolve', 'release']])
    expect(byTestid('claimed-by')[0].textContent).toContain('县农业公司')
    await click(byTestid('suggestions')[0])
    await click(byTestid('claim-for')[1])
    expect(byTestid('claim-organization-fixed')[0].textContent).toBe('县商会')
    await click(byTestid('claim-dialog-submit')[0])
    const [call] = writesOf(fetch)
    expect(call[0]).toBe('/api/needs/n-1/claim')
    expect(JSON.parse(String(call[1]!.body))).toEqual({ organizationId: 'org-2', suggestionScore: 20 })
    expect(byTestid('need-notice')[0].textContent).toContain('需求已认领')
    w.unmount()
  })

  it('COUNTY: only the suggestions', async () => {
    signIn(county)
    vi.stubGlobal('fetch', needsServer())
    const w = await mountList()
    expect(rowButtons()).toEqual([['suggestions'], ['claimed-by']])
    w.unmount()
  })
})
