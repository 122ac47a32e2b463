import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import type { Component } from 'vue'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import { session } from '@/session/session'
import { mayClaimNeed, mayEndPartnership, mayReleaseNeed, maySeeNeedSuggestions } from '@/session/rights'
import { validateEnding } from '@/partnerships/partnershipRules'
import EndPartnershipDialog from '@/partnerships/EndPartnershipDialog.vue'
import EndPartnershipButton from '@/partnerships/EndPartnershipButton.vue'

const user = (roles: string[], extra: Partial<{ township: string; org: string }> = {}) =>
  ({ roles, township: extra.township ?? null, org: extra.org ?? null })
const clerk = user(['TOWNSHIP'], { township: '城关镇' })
const elsewhere = user(['TOWNSHIP'], { township: '龙泉镇' })
const county = user(['COUNTY'])
const owner = user(['ORGANIZATION'], { org: 'org-1' })
const other = user(['ORGANIZATION'], { org: 'org-2' })

function reply(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } })
}
type Call = [string, RequestInit | undefined]
const writesOf = (fetch: ReturnType<typeof vi.fn>) => (fetch.mock.calls as unknown as Call[]).filter(([, i]) => i?.method && i.method !== 'GET')
const headersOf = (c: Call) => c[1]!.headers as Record<string, string>
const byTestid = (id: string) => [...document.querySelectorAll(`[data-testid="${id}"]`)] as HTMLElement[]
async function click(el: HTMLElement) {
  el.click()
  await flushPromises()
}
async function type(testid: string, value: string) {
  const input = byTestid(testid)[0].matches('input, textarea') ? byTestid(testid)[0] as HTMLInputElement : byTestid(testid)[0].querySelector('input, textarea') as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}
async function mountWith(component: Component, props: Record<string, unknown>) {
  const w = mount(component, {
    props,
    global: { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } }), ElementPlus], stubs: { RouterLink: { template: '<a><slot /></a>' } } },
    attachTo: document.body,
  })
  await flushPromises()
  return w
}
afterEach(() => {
  vi.unstubAllGlobals()
  session.user = null
  document.body.innerHTML = ''
})

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

