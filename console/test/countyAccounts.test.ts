import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'
import AccountsPage from '@/accounts/AccountsPage.vue'
import { accountBody, explainAccountProblem, validateAccount } from '@/accounts/accountRules'
import { townshipsOf } from '@/accounts/townshipOrganizations'
import { mayManageAccount } from '@/session/rights'
import { ApiError } from '@/api/client'
import { session } from '@/session/session'

describe("a COUNTY's accounts, as identity-service checks them", () => {
  const township = { username: 'clerk.cg', displayName: '城关镇办事员', role: 'TOWNSHIP', township: '城关镇', organizationId: 'left-over' }
  it('needs a township for a TOWNSHIP account and nothing more for a COUNTY one', () => {
    expect(validateAccount(township)).toEqual({})
    expect(validateAccount({ ...township, township: ' ' }).township?.key).toBe('accounts.rules.township')
    expect(validateAccount({ ...township, township: '镇'.repeat(101) }).township?.key).toBe('form.tooLong')
    expect(validateAccount({ username: 'county.li', displayName: '李', role: 'COUNTY' })).toEqual({})
  })
  it('sends only the field its role needs, trimmed', () => {
    expect(accountBody({ ...township, username: ' clerk.cg ', township: ' 城关镇 ' }))
      .toEqual({ username: 'clerk.cg', displayName: '城关镇办事员', role: 'TOWNSHIP', township: '城关镇' })
    expect(accountBody({ ...township, role: 'COUNTY' })).toEqual({ username: 'clerk.cg', displayName: '城关镇办事员', role: 'COUNTY' })
    expect(accountBody({ ...township, role: 'ORGANIZATION' })).toMatchObject({ organizationId: 'left-over' })
    expect(accountBody({ ...township, role: 'ORGANIZATION' }).township).toBeUndefined()
  })
  it("puts the server's township refusal beside the field", () => {
    const e = new ApiError(400, { status: 400, detail: 'x', errors: [{ field: 'township', message: 'a TOWNSHIP account needs its township' }] }, null)
    expect(explainAccountProblem(e).fields.township?.key).toBe('accounts.rules.township')
  })
  it('offers the townships of the villages, each once', () => {
    expect(townshipsOf([{ township: '龙泉镇' }, { township: '城关镇' }, { township: '龙泉镇' }, {}, { township: ' ' }])).toEqual(['城关镇', '龙泉镇'])
  })
  it('manages COUNTY and TOWNSHIP accounts only, and never disables its own', () => {
    const county = { username: 'me', roles: ['COUNTY'], township: null, org: null }
    expect(mayManageAccount(county, { role: 'TOWNSHIP', username: 'a' })).toBe(true)
    expect(mayManageAccount(county, { role: 'COUNTY', username: 'b' }, 'disable')).toBe(true)
    expect(mayManageAccount(county, { role: 'ORGANIZATION', username: 'c' })).toBe(false)
    expect(mayManageAccount(county, { role: 'COUNTY', username: 'me' }, 'disable')).toBe(false)
    expect(mayManageAccount(county, { role: 'COUNTY', username: 'me' }, 'reset')).toBe(true)
    const clerk = { username: 'k', roles: ['TOWNSHIP'], township: '城关镇', org: null }
    expect(mayManageAccount(clerk, { role: 'ORGANIZATION', username: 'o' })).toBe(true)
    expect(mayManageAccount(clerk, { role: 'TOWNSHIP', username: 't' })).toBe(false)
  })
})

function reply(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } })
}
const page = (items: unknown[]) => ({ items, page: 0, size: 500, total: items.length })
const byTestid = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement
async function type(id: string, value: string) {
  const input = byTestid(id) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

beforeEach(() => { session.user = { username: 'county.admin', name: '县管理员', roles: ['COUNTY'], township: null, org: null } })
afterEach(() => {
  vi.unstubAllGlobals()
  session.user = null
  document.body.innerHTML = ''
})

describe("the COUNTY's account screen (the township's screen, for the county's roles)", () => {
  it('creates a TOWNSHIP account with its township and an Idempotency-Key, shows the one-time password once, offers actions only on its accounts', async () => {
    const accounts = [
      { username: 'county.admin', displayName: '县管理员', role: 'COUNTY', enabled: true },
      { username: 'org.a', displayName: '单位', role: 'ORGANIZATION', organizationId: 'o1', enabled: true },
    ]
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0]
      if (init?.method === 'POST' && path === '/api/users') {
        const b = JSON.parse(String(init.body))
        return reply(201, { account: { ...b, enabled: true, mustChangePassword: true }, temporaryPassword: 'Tmp-123456-xyz' })
      }
      if (path === '/api/users') return reply(200, page(accounts))
      if (path === '/api/villages') return reply(200, page([{ code: 'CG001', township: '城关镇' }, { code: 'LQ001', township: '龙泉镇' }]))
      return reply(404, { status: 404 })
    })
    vi.stubGlobal('fetch', fetch)
    const w = mount(AccountsPage, { global: { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } }), ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(document.querySelector('h1')!.textContent).toBe('县、乡镇账户')
    expect(byTestid('account-organization')).toBeNull()
    expect([...document.querySelectorAll('[data-testid="account-role"] input')].map((i) => (i as HTMLInputElement).value)).toEqual(['COUNTY', 'TOWNSHIP'])
    const rows = [...document.querySelectorAll('[data-testid="accounts"] tbody tr')]
    expect(rows[0].querySelector('[data-testid="account-disable"]')!.hasAttribute('disabled')).toBe(true) // its own account
    expect(rows[1].querySelector('[data-testid="account-reset"]')).toBeNull() // an organization's: the township's to manage

    await type('account-username', 'clerk.lq')
    await type('account-display-name', '龙泉镇办事员')
    byTestid('account-submit').click()
    await flushPromises()
    expect(fetch.mock.calls.filter(([, i]) => (i as RequestInit | undefined)?.method === 'POST')).toHaveLength(0) // no township chosen
    const item = w.findAllComponents({ name: 'ElFormItem' }).find((c) => c.props('for') === 'account-township')!
    expect(item.props('error')).toBe('请选择或填写乡镇（最多 100 字）')
    expect(byTestid('account-problem').textContent).toContain('请检查')

    const select = w.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === 'account-township' || c.props('id') === 'account-township')!
    select.vm.$emit('update:modelValue', '龙泉镇')
    await flushPromises()
    expect(item.props('error')).toBe('') // chosen: its message goes before the next try
    byTestid('account-submit').click()
    await flushPromises()
    const [url, init] = fetch.mock.calls.find(([, i]) => (i as RequestInit | undefined)?.method === 'POST') as unknown as [string, RequestInit]
    expect(url).toBe('/api/users')
    expect(JSON.parse(String(init.body))).toEqual({ username: 'clerk.lq', displayName: '龙泉镇办事员', role: 'TOWNSHIP', township: '龙泉镇' })
    expect((init.headers as Record<string, string>)['Idempotency-Key']).toMatch(/.{8,}/)
    expect(byTestid('one-time-password').textContent).toBe('Tmp-123456-xyz')
    w.unmount()
  })
})
